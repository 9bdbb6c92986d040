"""Counts for the news article about a ceremony, and the sentence to paste into it."""

from __future__ import annotations

import html

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from models.reports.stats import CeremonyStats, stats_lines


def _groups(stats: CeremonyStats) -> list[tuple[str, list[tuple[str, str]]]]:
    forms = [
        (
            c.form.label if c.form else "Chưa gắn quyết định",
            f"{c.total} ({c.breakdown})",
        )
        for c in stats.by_form
    ]
    kinds = [("Tập thể", str(stats.collectives)), ("Cá nhân", str(stats.individuals))]
    if stats.authors:
        kinds.append(("Tác giả đạt giải", str(stats.authors)))
    groups = [
        ("Theo hình thức khen thưởng", forms),
        ("Tập thể và cá nhân", kinds),
        ("Theo lĩnh vực", [(k, str(v)) for k, v in stats.by_field]),
        ("Theo phường", [(k, str(v)) for k, v in stats.by_ward]),
        ("Theo giải", [(k, str(v)) for k, v in stats.by_level]),
    ]
    return [(title, rows) for title, rows in groups if rows]


class StatsDialog(QDialog):
    """The ready sentence (editable before copying) and the counts behind it."""

    def __init__(self, stats: CeremonyStats, parent=None):
        super().__init__(parent)
        self.stats = stats
        self.setWindowTitle("Số liệu cho bài viết")
        self.resize(760, 560)

        self.sentence = QPlainTextEdit(stats.sentence)
        self.sentence.setPlaceholderText("Hội nghị chưa có tập thể, cá nhân hay tác giả nào được khen thưởng.")
        self.sentence.setFixedHeight(120)
        copy_sentence = QPushButton("Chép &câu")
        copy_sentence.setToolTip("Chép câu (cả phần đã sửa) để dán vào bài viết")
        copy_sentence.clicked.connect(self.copy_sentence)
        copy_counts = QPushButton("Chép &số liệu")
        copy_counts.setToolTip("Chép toàn bộ số liệu dưới dạng văn bản")
        copy_counts.clicked.connect(self.copy_counts)

        self.counts = QTreeWidget()
        self.counts.setHeaderLabels(["Mục", "Số lượng"])
        self.counts.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.counts.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.counts.header().setStretchLastSection(False)
        for title, rows in _groups(stats):
            group = QTreeWidgetItem(self.counts, [title])
            group.setFirstColumnSpanned(True)
            for label, value in rows:
                QTreeWidgetItem(group, [label, value])
        self.counts.expandAll()

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Đóng")
        buttons.rejected.connect(self.reject)
        self.copied = QLabel()

        row = QHBoxLayout()
        row.addWidget(copy_sentence)
        row.addWidget(copy_counts)
        row.addWidget(self.copied, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{html.escape(stats.title)}</b>"))
        layout.addWidget(QLabel("Câu dùng cho bài viết (sửa được trước khi chép):"))
        layout.addWidget(self.sentence)
        layout.addLayout(row)
        layout.addWidget(self.counts, 1)
        layout.addWidget(buttons)

    def copy_sentence(self) -> None:
        QGuiApplication.clipboard().setText(self.sentence.toPlainText().strip())
        self.copied.setText("Đã chép câu, dán vào bài viết bằng Ctrl+V.")

    def copy_counts(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(stats_lines(self.stats)))
        self.copied.setText("Đã chép số liệu.")
