"""What each certificate says, gathered from the ceremony book; no drawing here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from urllib.parse import quote

from models.domain import order, text
from models.domain.heading import Heading
from models.domain.records import AwardeeKind, AwardForm, Ceremony, Decision, Ref
from models.domain.templates import CertificateTemplate
from models.repos.book import CeremonyBook
from models.repos.print_book import register_series


@dataclass(frozen=True, slots=True)
class Certificate:
    ref: Ref
    form: AwardForm
    series: str  # register book the number comes from: "GK-2022"
    issuer: str
    heading: Heading
    lead: str
    name: str
    detail: str
    model: str
    achievement: str
    date_line: str
    signer_role: str
    signer_name: str
    reference: str
    register_no: str = ""
    qr_url: str = ""

    @property
    def title(self) -> str:
        return self.form.label.upper()

    @property
    def who(self) -> str:
        """How messages name the awardee: "Nguyễn Văn A (Phường Bồ Đề)"."""
        return f"{self.name} ({self.detail})" if self.detail else self.name


def collective_detail(name: str, unit: str) -> str:
    """The unit under a collective's name, unless the name already says it: every ward
    has a "Tổ dân phố số 9", but "… phường Bồ Đề" needs no "Phường Bồ Đề" under it."""
    if not unit or f" {text.fold(unit)} " in f" {text.fold(name)} ":
        return ""
    return unit


def date_line(place: str, day: dt.date | None) -> str:
    """The place-and-date line of Decree 30/2020: leading zero for days 1–9 and months 1–2."""
    place = place or "……"
    if day is None:
        return f"{place}, ngày …… tháng …… năm ……"
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


@dataclass(slots=True)
class Gathered:
    certificates: list[Certificate]
    problems: list[str]  # records that cannot be printed, said in Vietnamese


def gather(
    book: CeremonyBook,
    ceremony_id: int,
    templates: dict[AwardForm, CertificateTemplate],
    refs: set[Ref] | None = None,
) -> Gathered:
    """Every certificate of a ceremony (or those in `refs`), in the default award order."""
    ceremony = book.ceremony(ceremony_id)
    decisions: dict[int | None, Decision] = {d.id: d for d in book.decisions(ceremony_id)}
    keyed: list[tuple[tuple, Certificate]] = []
    problems: list[str] = []

    for a in book.awardees(ceremony_id):
        ref = Ref.awardee(a.id)
        if refs is not None and ref not in refs:
            continue
        d = decisions.get(a.decision_id)
        if d is None:
            problems.append(f"“{a.name}” chưa gắn quyết định khen thưởng nên chưa in được.")
            continue
        t = templates[d.award_form]
        individual = a.kind is AwardeeKind.INDIVIDUAL
        name = f"{t.individual_prefix} {a.name}" if individual and t.individual_prefix else a.name
        detail = ", ".join(x for x in (a.position, a.unit) if x) if individual else collective_detail(a.name, a.unit)
        cert = _certificate(ceremony, d, t, ref, a.register_no)
        cert = replace(
            cert,
            name=name,
            detail=detail,
            model=f"Mô hình {text.quoted(a.model_name)}" if a.model_name else "",
            achievement=a.achievement or d.achievement,
        )
        keyed.append((order.awardee_key(a, d.award_form, d.id), cert))

    for contest in book.contests(ceremony_id):
        d = decisions.get(contest.decision_id)
        for p in book.prizes(contest.id):
            ref = Ref.prize(p.id)
            if refs is not None and ref not in refs:
                continue
            if d is None:
                problems.append(f"Giải của “{p.authors}”: cuộc thi chưa gắn quyết định nên chưa in được.")
                continue
            cert = replace(
                _certificate(ceremony, d, templates[d.award_form], ref, p.register_no),
                name=p.authors,
                detail=p.unit,
                model=f"Tác phẩm {text.quoted(p.work_title)}" if p.work_title else "",
                achievement=f"Đã đạt {p.level.phrase} {text.contest_phrase(contest.title)}",
            )
            keyed.append((order.prize_key(p, d.award_form, d.id), cert))

    keyed.sort(key=lambda pair: pair[0])
    return Gathered([c for _, c in keyed], problems)


def _certificate(ceremony: Ceremony, d: Decision, t: CertificateTemplate, ref: Ref, register_no: str) -> Certificate:
    year = (d.signed_on or ceremony.held_on or dt.date.today()).year
    cert = Certificate(
        ref=ref,
        form=d.award_form,
        series=register_series(d.award_form, year),
        issuer=d.issuer,
        heading=d.heading,
        lead=t.lead,
        name="",
        detail="",
        model="",
        achievement="",
        date_line=date_line(ceremony.place, d.signed_on),
        signer_role=d.signer_role,
        signer_name=d.signer_name,
        reference=d.reference,
        register_no=register_no,
    )
    return with_link(cert, t, ceremony.news_url)


def with_link(cert: Certificate, t: CertificateTemplate, news_url: str) -> Certificate:
    """The QR target: the template's per-certificate link once numbered, else the article."""
    url = news_url
    if t.qr_url_template and cert.register_no:
        url = t.qr_url_template.format(so=quote(cert.register_no, safe=""))
    return replace(cert, qr_url=url if t.show_qr else "")


def numbered(
    certs: list[Certificate],
    numbers: dict[Ref, str],
    templates: dict[AwardForm, CertificateTemplate],
    news_url: str,
) -> list[Certificate]:
    return [
        with_link(replace(c, register_no=numbers.get(c.ref, c.register_no)), templates[c.form], news_url) for c in certs
    ]
