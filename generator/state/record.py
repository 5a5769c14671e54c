"""The communication record: how promptly and reliably an incident was communicated,
and the state of the commitments made to users, at the build's now."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from generator.model import CLOSED_STATUSES, Commitment, Incident, Kind, Update
from generator.state import derive


@dataclass(frozen=True, slots=True)
class Promise:
    """A promised next update and what became of it."""

    made_in: str
    """Update id that made the promise."""
    due: datetime
    kept_at: datetime | None
    """When the next update came, if it did."""
    state: str
    """``kept``, ``late`` (came after the promised time), ``overdue`` (not come, time passed) or ``pending``."""
    late_by: timedelta


@dataclass(frozen=True, slots=True)
class Record:
    """One incident's communication figures."""

    to_first_update: timedelta
    longest_silence: timedelta
    silence_ongoing: bool
    promises: tuple[Promise, ...]
    duration: timedelta
    resolved: bool

    @property
    def promises_kept(self) -> int:
        """Promises met on time."""
        return sum(p.state == "kept" for p in self.promises)

    @property
    def promises_due(self) -> int:
        """Promises whose time has come (kept, late or overdue)."""
        return sum(p.state != "pending" for p in self.promises)


def communication_record(incident: Incident, now: datetime) -> Record:
    """Compute an incident's record from its updates."""
    updates = incident.updates
    times = [u.at for u in updates]
    resolved = derive.resolved_at(incident, now)
    gaps = _silences(updates)
    ongoing_gap = now - times[-1] if resolved is None else timedelta(0)
    longest = max(gaps + [ongoing_gap], default=timedelta(0))
    promises = tuple(_promise(update, nxt, now) for update, nxt in zip(updates, list(updates[1:]) + [None])
                     if update.next_update is not None)
    start = incident.scheduled_for if incident.kind is Kind.MAINTENANCE else incident.started_at
    return Record(to_first_update=max(times[0] - start, timedelta(0)), longest_silence=longest,
                  silence_ongoing=resolved is None and ongoing_gap == longest and ongoing_gap > timedelta(0),
                  promises=promises, duration=derive.duration(incident, now), resolved=resolved is not None)


def _silences(updates: tuple[Update, ...]) -> list[timedelta]:
    """Gaps between consecutive updates while the incident was open: the time from
    a resolution to a later postmortem (or a reopening) is not a silence."""
    return [later.at - earlier.at for earlier, later in zip(updates, updates[1:])
            if earlier.status not in CLOSED_STATUSES]


def _promise(update, following, now: datetime) -> Promise:
    """What became of the next-update promise made in ``update``."""
    due = update.next_update
    if following is not None:
        late = following.at - due
        return Promise(update.id, due, following.at, "kept" if late <= timedelta(0) else "late",
                       max(late, timedelta(0)))
    if now > due:
        return Promise(update.id, due, None, "overdue", now - due)
    return Promise(update.id, due, None, "pending", timedelta(0))


@dataclass(frozen=True, slots=True)
class TrackRecord:
    """Figures across all incidents."""

    incidents: int
    median_to_first_update: timedelta | None
    promises_kept: int
    promises_due: int
    commitments_done: int
    commitments_missed: int
    commitments_overdue: int
    commitments_pending: int
    """Commitments not yet due."""

    @property
    def kept_share(self) -> float | None:
        """Share of due promises kept on time, in percent."""
        return None if not self.promises_due else 100.0 * self.promises_kept / self.promises_due


def track_record(incidents: tuple[Incident, ...] | list[Incident], now: datetime) -> TrackRecord:
    """Summarise the record of every incident (maintenance and notices excluded)."""
    real = [i for i in incidents if i.kind is Kind.INCIDENT]
    records = [communication_record(i, now) for i in real]
    firsts = [r.to_first_update for r in records]
    states = [commitment_state(c, now) for i in incidents for c in i.commitments]
    return TrackRecord(len(real), statistics.median(firsts) if firsts else None,
                       sum(r.promises_kept for r in records), sum(r.promises_due for r in records),
                       states.count("done"), states.count("missed"), states.count("overdue"),
                       states.count("pending"))


def commitment_state(commitment: Commitment, now: datetime) -> str:
    """``done``, ``missed``, ``pending``, or ``overdue`` (pending past its due time)."""
    if commitment.state == "pending" and now > commitment.due:
        return "overdue"
    return commitment.state
