"""What happens to a walk-in after the desk saves it: dispatch and arrival at the scene,
status changes with their notes, voids of double entries. A `VisitPlan` is decided up front
(from the seed alone); `schedule` replays it through the store API on the simulated clock,
`completed` folds it into one record for the bulk benchmark.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

from app.demo.timeline import Action, Run, Timeline
from app.domain.codes import FINAL_STATUSES
from app.domain.models import Category, StatusChange, Visit
from app.domain.outgoing import HANDED_OVER, CoverLetter


@dataclass(frozen=True)
class Step:
    at: datetime  # when it is entered (the store clock)
    action: str  # arrive | status | void
    by: int | None
    status: str = ""
    note: str = ""
    effective: datetime | None = None  # arrival time, or the status change's own time


@dataclass
class VisitPlan:
    key: str
    visit: Visit  # as the desk saves it
    entered_at: datetime
    steps: list[Step] = field(default_factory=list)
    duplicate_of: str | None = None  # a double entry: its void reason names the original
    patrol_key: str | None = None  # an LP model A: the patrol that found it (saved before)


def response_minutes(rng: random.Random) -> int:
    """Report to arrival at the scene: most within 10-30 minutes, some faster, a few slow
    (far desa, reachable only by boat, the patrol car busy elsewhere)."""
    r = rng.random()
    if r < 0.12:
        return rng.randint(5, 9)
    if r < 0.82:
        return rng.randint(10, 30)
    if r < 0.95:
        return rng.randint(31, 60)
    return rng.randint(61, 150)


def office_hours(rng: random.Random, when: datetime) -> datetime:
    """Paper work happens in office hours: move a time outside 08-16 to the next morning."""
    if 8 <= when.hour < 16:
        return when
    day = when.date() + (timedelta(days=1) if when.hour >= 16 else timedelta())
    return when.replace(year=day.year, month=day.month, day=day.day, hour=rng.randint(8, 11),
                        minute=rng.randrange(60))


def schedule(timeline: Timeline, plan: VisitPlan) -> None:
    timeline.add(plan.entered_at, _create(plan))
    for step in plan.steps:
        if step.at <= plan.entered_at:
            raise ValueError(f"demo plan {plan.key}: a step before the record is saved")
        timeline.add(step.at, _step(plan, step))


def _create(plan: VisitPlan) -> Action:
    def act(run: Run) -> None:
        visit = plan.visit
        if plan.patrol_key is not None:
            visit = replace(visit, source_patrol_uuid=run.extra[plan.patrol_key])
        saved = run.store.visits.create(visit, visit.receiving_officer_id)
        assert saved.record.id is not None
        run.ids[plan.key] = saved.record.id
    return act


def _step(plan: VisitPlan, step: Step) -> Action:
    def act(run: Run) -> None:
        visit_id = run.ids[plan.key]
        visits = run.store.visits
        if step.action == "arrive":
            current = visits.get(visit_id)
            assert current.meta is not None
            visits.update(replace(current, arrived_at=step.effective), step.by)
            visits.change_status(visit_id, "ditangani", step.note, step.by, at=step.effective)
            _first_sp2hp(run, visit_id, step)
        elif step.action == "status":
            visits.change_status(visit_id, step.status, step.note, step.by, at=step.effective)
            if step.status == HANDED_OVER:
                _cover_letter(run, visit_id, step)
        elif step.action == "void":
            reason = step.note
            if plan.duplicate_of is not None:
                original = visits.get(run.ids[plan.duplicate_of])
                reference = original.number or _hhmm(original.received_at, plan.entered_at)
                reason = reason.format(ref=reference)
            visits.void(visit_id, reason, step.by)
    return act


def _cover_letter(run: Run, visit_id: int, step: Step) -> None:
    """A case handed to the Polres goes with a surat pengantar (and its line in the buku
    ekspedisi), signed by the officer who handed it over."""
    visit = run.store.visits.get(visit_id)
    if visit.service != "lp" or visit.meta is None:
        return
    items = [f"Laporan Polisi Nomor {visit.number}",
             "Berita acara pemeriksaan (BAP) pelapor dan saksi"]
    if visit.evidence.strip():
        items.append(f"Daftar barang bukti: {visit.evidence.strip()}")
    polres = run.store.profile().polres.title()
    run.store.dispatches.create_cover_letter(CoverLetter(
        visit.meta.uuid, f"Kapolres {polres} u.p. Kasat Reskrim", tuple(items), step.by,
        note=step.note), step.by)


def _first_sp2hp(run: Run, visit_id: int, step: Step) -> None:
    """The officer who went to the scene investigates the LP and sends the reporter the first
    SP2HP (A1), for two LPs of three (by id, so the demo's random stream is unchanged); the
    others are the SP2HPs that never came (a citizen complains of one)."""
    visit = run.store.visits.get(visit_id)
    if visit.service != "lp" or visit.meta is None or visit_id % 3 == 0 or step.by is None:
        return
    from app.documents.sp2hp_text import draft_letter

    register = run.store.register
    case = register.assign(visit_id, step.by, investigator_id=step.by,
                           investigator_role="penyidik_pembantu", supervisor_id=None,
                           difficulty=("sedang", "mudah", "sulit")[visit_id % 3]).record
    labels = {c.code: c.label for c in run.store.master.list(Category)}
    draft = draft_letter(visit, case, labels.get(visit.category, ""), run.store.profile(),
                         last_letter_stage=None, at=run.store.clock())
    register.issue_letter(draft, step.by)


def _hhmm(received: datetime, like: datetime) -> str:
    local = received.astimezone(like.tzinfo)
    return f"yang diterima pukul {local.hour:02d}.{local.minute:02d}"


def completed(plan: VisitPlan, end: datetime) -> tuple[Visit, datetime]:
    """The record as it stands at `end` with its whole history, and when it was last
    touched (the clock for saving it in one go)."""
    visit = plan.visit
    history = [StatusChange(visit.status, visit.received_at, visit.receiving_officer_id)]
    arrived = visit.arrived_at
    resolved = visit.resolved_at
    status = visit.status
    last = plan.entered_at
    for step in plan.steps:
        if step.at > end or step.action == "void":
            continue
        last = max(last, step.at)
        when = step.effective or step.at
        if step.action == "arrive":
            arrived, status = step.effective, "ditangani"
            history.append(StatusChange("ditangani", when, step.by, step.note))
        else:
            status = step.status
            history.append(StatusChange(status, when, step.by, step.note))
            if status in FINAL_STATUSES and resolved is None:
                resolved = when
    return replace(visit, status=status, arrived_at=arrived, resolved_at=resolved,
                   status_history=tuple(history)), last
