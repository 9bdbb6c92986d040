"""Set up the print queues the tests print through (run as root by .ci/run, after CUPS and
cups-pdf are installed and the scheduler is running):

- VinhDanh_PDF: cups-pdf's own driver, every ISO paper (A4, A3, …).
- VinhDanh_A4_tay: the same back end with a driver that has no A3 and has a hand-feed
  tray, as an office's A4 laser printer.

Both write PDFs into the folder given as the first argument.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
CONF = Path("/etc/cups/cups-pdf.conf")
HAND_FEED = """*OpenUI *InputSlot/Media Source: PickOne
*OrderDependency: 20 AnySetup *InputSlot
*DefaultInputSlot: Auto
*InputSlot Auto/Automatic: ""
*InputSlot Manual/Manual Feed: "<</ManualFeed true>>setpagedevice"
*CloseUI: *InputSlot
"""


def a4_with_hand_feed(ppd: str) -> str:
    lines = [
        line for line in ppd.splitlines(keepends=True)
        if not re.match(r"\*(PageSize|PageRegion|ImageableArea|PaperDimension) A3[ /:.]", line)
    ]  # fmt: skip
    text = "".join(lines)
    return text.replace("*OpenUI *PageSize", HAND_FEED + "*OpenUI *PageSize", 1)


def main(out: str) -> None:
    Path(out).mkdir(parents=True, exist_ok=True)
    Path(out).chmod(0o1777)  # cups-pdf writes as whoever printed: the tests may not run as root
    conf = CONF.read_text()
    CONF.write_text(re.sub(r"(?m)^#?Out .*$", f"Out {out}", conf, count=1))
    subprocess.run(["lpadmin", "-p", "VinhDanh_PDF", "-v", "cups-pdf:/", "-E", "-P", str(PPD)], check=True)
    with tempfile.NamedTemporaryFile("w", suffix=".ppd", delete=False) as f:
        f.write(a4_with_hand_feed(PPD.read_text()))
    subprocess.run(["lpadmin", "-p", "VinhDanh_A4_tay", "-v", "cups-pdf:/", "-E", "-P", f.name], check=True)
    Path(f.name).unlink()


if __name__ == "__main__":
    main(sys.argv[1])
