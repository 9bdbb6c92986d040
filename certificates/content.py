"""What each certificate says, gathered from the ceremony book; no drawing here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

from models.domain import order, text
from models.domain.award_order import Entries
from models.domain.heading import Heading
from models.domain.records import Awardee, AwardeeKind, AwardForm, Ceremony, Decision, Ref
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
    *,
    awardees: list[Awardee] | None = None,
    entries: Entries | None = None,
) -> Gathered:
    """Every certificate of a ceremony (or those in `refs`), in the default award order.
    `awardees` and `entries` (their sort keys): when the caller has them already."""
    known = entries.by_ref if entries is not None else {}
    ceremony = book.ceremony(ceremony_id)
    decisions: dict[int | None, Decision] = {d.id: d for d in book.decisions(ceremony_id)}
    shared = {d.id: _decision_part(ceremony, d, templates[d.award_form]) for d in decisions.values()}
    news_url = ceremony.news_url
    keyed: list[tuple[tuple, Certificate]] = []
    problems: list[str] = []

    for a in awardees if awardees is not None else book.awardees(ceremony_id):
        ref = Ref.awardee(a.id)
        if refs is not None and ref not in refs:
            continue
        d = decisions.get(a.decision_id)
        if d is None:
            problems.append(f"“{a.name}” chưa gắn quyết định khen thưởng nên chưa in được.")
            continue
        t = templates[d.award_form]
        individual = a.kind is AwardeeKind.INDIVIDUAL
        cert = Certificate(
            ref=ref,
            name=f"{t.individual_prefix} {a.name}" if individual and t.individual_prefix else a.name,
            detail=", ".join(x for x in (a.position, a.unit) if x) if individual else collective_detail(a.name, a.unit),
            model=f"Mô hình {text.quoted(a.model_name)}" if a.model_name else "",
            achievement=a.achievement or d.achievement,
            register_no=a.register_no,
            qr_url=link(t, a.register_no, news_url),
            **shared[d.id],
        )
        entry = known.get(ref)
        keyed.append((entry.key if entry is not None else order.awardee_key(a, d.award_form, d.id), cert))

    for contest in book.contests(ceremony_id):
        d = decisions.get(contest.decision_id)
        for p in book.prizes(contest.id):
            ref = Ref.prize(p.id)
            if refs is not None and ref not in refs:
                continue
            if d is None:
                problems.append(f"Giải của “{p.authors}”: cuộc thi chưa gắn quyết định nên chưa in được.")
                continue
            cert = Certificate(
                ref=ref,
                name=p.authors,
                detail=p.unit,
                model=f"Tác phẩm {text.quoted(p.work_title)}" if p.work_title else "",
                achievement=f"Đã đạt {p.level.phrase} {text.contest_phrase(contest.title)}",
                register_no=p.register_no,
                qr_url=link(templates[d.award_form], p.register_no, news_url),
                **shared[d.id],
            )
            keyed.append((order.prize_key(p, d.award_form, d.id), cert))

    keyed.sort(key=lambda pair: pair[0])
    return Gathered([c for _, c in keyed], problems)


def _decision_part(ceremony: Ceremony, d: Decision, t: CertificateTemplate) -> dict:
    """What every certificate of one decision says alike, worked out once per decision."""
    year = (d.signed_on or ceremony.held_on or dt.date.today()).year
    return {
        "form": d.award_form,
        "series": register_series(d.award_form, year),
        "issuer": d.issuer,
        "heading": d.heading,
        "lead": t.lead,
        "date_line": date_line(ceremony.place, d.signed_on),
        "signer_role": d.signer_role,
        "signer_name": d.signer_name,
        "reference": d.reference,
    }


def link(t: CertificateTemplate, register_no: str, news_url: str) -> str:
    """The QR target: the template's per-certificate link once numbered, else the article."""
    if not t.show_qr:
        return ""
    if t.qr_url_template and register_no:
        return t.qr_url_template.format(so=quote(register_no, safe=""))
    return news_url


def numbered(
    certs: list[Certificate],
    numbers: dict[Ref, str],
    templates: dict[AwardForm, CertificateTemplate],
    news_url: str,
) -> list[Certificate]:
    out = []
    for c in certs:
        number = numbers.get(c.ref, c.register_no)
        url = link(templates[c.form], number, news_url)
        out.append(c if (number, url) == (c.register_no, c.qr_url) else _renumbered(c, number, url))
    return out


def _renumbered(c: Certificate, register_no: str, qr_url: str) -> Certificate:
    # Field by field: dataclasses.replace walks the fields by name, 15 µs a certificate.
    return Certificate(
        c.ref,
        c.form,
        c.series,
        c.issuer,
        c.heading,
        c.lead,
        c.name,
        c.detail,
        c.model,
        c.achievement,
        c.date_line,
        c.signer_role,
        c.signer_name,
        c.reference,
        register_no,
        qr_url,
    )
