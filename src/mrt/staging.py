"""Whole or nothing: build a new set of outputs beside the old one, then swap the set into place.

The main job writes ``data/processed/``, the executed notebooks, ``site/`` and ``README.md``.
A run that fails or is interrupted must leave the previous complete set, never a mix of old and
new. So every output is built in a staging folder (``.mrt-staging/build/`` at the top of the
repository, or ``.mrt-staging`` beside an output on another file system), and only when the whole
set is complete is it moved into place, one rename per output:

1. build everything under ``build/``;
2. write ``journal.json`` (state ``built``): from here on the new set is complete;
3. for each output: rename the old one into ``previous/``, rename the new one into its place
   (SIGINT and SIGTERM are held back during these renames);
4. rewrite the journal (state ``swapped``): the run has succeeded;
5. remove ``previous/``, ``build/`` and the journal.

Only SIGKILL or a power cut can stop the renames half-way. The next run sees the journal first
thing and puts things right: before ``swapped`` it puts every previous output back (the
interrupted run changes nothing); after it, it only removes the leftovers. Without a journal the
build never finished, and the leftovers are simply removed. A lock file keeps two runs of the
main job in one checkout from working in the same staging folder.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from mrt.io import write_text
from mrt.paths import relative

STAGING = ".mrt-staging"
JOURNAL = "journal.json"
LOCK = "lock"


class RunBusy(RuntimeError):
    """Another run of the main job holds the lock of this checkout."""


class StagingError(RuntimeError):
    """The staging folder is in a state the job cannot put right by itself."""


@dataclass(frozen=True)
class Move:
    """One output: where it goes, where the new one is built, where the old one waits until the end."""

    target: str
    new: str
    old: str
    root: str
    existed: bool = False


def staging_root_for(target: Path, home: Path) -> Path:
    """The staging folder for one output: ``home`` (the repository's ``.mrt-staging``) when it is on the
    same file system as the output's parent, so that a rename can move it; else ``.mrt-staging`` beside it."""
    parent = _existing_ancestor(target.parent)
    return home if _device(home.parent) == _device(parent) else target.parent / STAGING


def _existing_ancestor(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _device(path: Path) -> int:
    return _existing_ancestor(path).stat().st_dev


class Staging:
    """The staging area of one checkout: ``root/.mrt-staging``."""

    def __init__(self, root: Path):
        self.home = Path(root) / STAGING
        self.journal = self.home / JOURNAL
        self._lock_handle = None
        self.swapped = False  # True once the new set is in place (the run has succeeded, whatever happens next)

    # -- locking -----------------------------------------------------------------------------------
    def acquire(self) -> None:
        """Take the checkout's lock, or raise RunBusy naming the process that holds it."""
        self.home.mkdir(parents=True, exist_ok=True)
        handle = open(self.home / LOCK, "a+")
        try:
            import fcntl  # deferred: fcntl exists only on POSIX systems
        except ImportError:  # Windows: no advisory locks here; one run at a time is up to the user
            self._lock_handle = handle
            return
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            handle.close()
            raise RunBusy(f"another run of the main job is working in this checkout (process {holder}); "
                          f"wait for it to finish or stop it, then run again") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._lock_handle = handle

    def release(self) -> None:
        if self._lock_handle is not None:
            self._lock_handle.close()  # closing releases the flock
            self._lock_handle = None

    # -- planning ----------------------------------------------------------------------------------
    def plan(self, targets: dict[str, Path]) -> dict[str, Move]:
        """A Move for every output (key -> target path); the build folders are created empty."""
        moves = {}
        for key, target in targets.items():
            target = Path(target).absolute()
            root = staging_root_for(target, self.home)
            if root.exists() and _device(root) != _device(target.parent):
                raise StagingError(f"{relative(root)} is on another file system than {relative(target.parent)} (a symbolic "
                                   f"link or a mount?), so the new {relative(target)} could not be moved into place; remove "
                                   f"{relative(root)} (it holds only the run's lock and builds) and run again")
            new, old = root / "build" / key, root / "previous" / key
            moves[key] = Move(str(target), str(new), str(old), str(root))
        for move in moves.values():
            _remove(Path(move.new))
            Path(move.new).parent.mkdir(parents=True, exist_ok=True)
        return moves

    # -- the swap ----------------------------------------------------------------------------------
    def swap(self, moves: list[Move]) -> None:
        """Move every new output into place, keeping the old ones until all are in; signals are held back."""
        moves = [Move(m.target, m.new, m.old, m.root, os.path.lexists(m.target)) for m in moves]
        missing = [m.new for m in moves if not os.path.lexists(m.new)]
        if missing:
            raise FileNotFoundError(f"the new set is incomplete: {', '.join(relative(Path(p)) for p in missing)} not built")
        with _signals_held():
            self._write_journal("built", moves)
            for number, move in enumerate(moves, start=1):
                Path(move.old).parent.mkdir(parents=True, exist_ok=True)
                if move.existed:
                    os.replace(move.target, move.old)
                Path(move.target).parent.mkdir(parents=True, exist_ok=True)
                os.replace(move.new, move.target)
            self._write_journal("swapped", moves)
            self.swapped = True
            self._remove_leftovers(moves)

    def discard(self, moves: list[Move] | None = None) -> None:
        """Remove a build that will not be swapped in (the outputs in place are untouched)."""
        for move in moves or []:
            _remove(Path(move.new))
        self._remove_leftovers(moves or [])

    # -- recovery ----------------------------------------------------------------------------------
    def recover(self) -> str | None:
        """Put things right after an interrupted run; return a sentence saying what was done, or None."""
        if self.journal.is_file():
            state, moves = self._read_journal()
            with _signals_held():
                if state == "swapped":
                    self._remove_leftovers(moves)
                    return "an earlier run was stopped while clearing up after its outputs were in place: cleared up"
                restored = self._roll_back(moves)
                self._remove_leftovers(moves)
            names = ", ".join(reversed(restored)) if restored else "nothing had been replaced yet"
            return f"an earlier run was stopped while moving its outputs into place: put the previous ones back ({names})"
        leftovers = [p for p in self._areas() if p.exists()]
        if leftovers:
            for path in leftovers:
                _remove(path)
            return (f"an earlier run was stopped before its outputs were complete: removed its unfinished build "
                    f"({', '.join(relative(p) for p in leftovers)}); the outputs in place were never touched")
        return None

    def _roll_back(self, moves: list[Move]) -> list[str]:
        restored = []
        for move in reversed(moves):
            target, new, old = Path(move.target), Path(move.new), Path(move.old)
            if os.path.lexists(old):  # the previous output was moved aside: the one in place (if any) is new
                if os.path.lexists(target):
                    _remove(target)
                os.replace(old, target)
                restored.append(relative(target))
            elif not move.existed and not os.path.lexists(new) and os.path.lexists(target):
                _remove(target)  # there was nothing before and the new one was moved in: back to nothing
                restored.append(relative(target))
        return restored

    def _areas(self) -> list[Path]:
        return [self.home / "build", self.home / "previous"]

    def _remove_leftovers(self, moves: list[Move]) -> None:
        roots = {Path(m.root) for m in moves} | {self.home}
        for root in roots:
            for area in ("previous", "build"):
                _remove(root / area)
            if root != self.home and root.is_dir() and not any(root.iterdir()):
                root.rmdir()  # a staging folder beside an output on another file system
        self.journal.unlink(missing_ok=True)

    def _write_journal(self, state: str, moves: list[Move]) -> None:
        """The journal names every path relative to the checkout (so a moved checkout still reads it right);
        only an output outside the checkout (``MRT_PROCESSED_DIR`` elsewhere) is named by its absolute path."""
        checkout = self.home.parent.resolve()
        record = {"state": state, "checkout": str(checkout),
                  "moves": [{k: (_from_checkout(v, checkout) if k in PATH_FIELDS else v) for k, v in asdict(m).items()}
                            for m in moves]}
        write_text(json.dumps(record, indent=1) + "\n", self.journal)
        _fsync_dir(self.journal.parent)

    def _read_journal(self) -> tuple[str, list[Move]]:
        """The journal's state and moves, with paths resolved in this checkout; StagingError when it is unreadable
        or names a path outside this checkout that it cannot vouch for (written in a checkout since moved)."""
        checkout = self.home.parent.resolve()
        try:
            record = json.loads(self.journal.read_text(encoding="utf-8"))
            state, raw_moves = record["state"], record["moves"]
            written_in = record.get("checkout")
            moves = []
            for m in raw_moves:
                fields = dict(m)
                for key in PATH_FIELDS:
                    fields[key] = str(_in_checkout(fields[key], checkout, written_in))
                moves.append(Move(**fields))
        except (ValueError, KeyError, TypeError, AttributeError) as error:
            raise StagingError(f"{relative(self.journal)} is unreadable ({error}); the outputs may be a mix of two "
                               f"runs: check them with 'git status', then remove {relative(self.home)}/ and run again") from None
        return state, moves


PATH_FIELDS = ("target", "new", "old", "root")


def _from_checkout(path: str, checkout: Path) -> str:
    """A path as the journal stores it: relative to the checkout when inside it (POSIX form), else absolute."""
    try:
        return Path(path).absolute().relative_to(checkout).as_posix() or "."
    except ValueError:
        try:
            return Path(path).resolve().relative_to(checkout).as_posix() or "."
        except ValueError:
            return str(Path(path).absolute())


def _in_checkout(stored: str, checkout: Path, written_in: str | None) -> Path:
    """A journal path resolved in this checkout. A relative path must stay inside it; an absolute one (an output
    outside the checkout) is trusted only if the journal was written in this very checkout."""
    if not isinstance(stored, str) or not stored:
        raise ValueError(f"a path in the journal is {stored!r}")
    path = Path(stored)
    if not path.is_absolute():
        if ".." in path.parts:
            raise ValueError(f"the journal names {stored!r}, outside the checkout")
        return checkout / path
    if written_in is None or Path(written_in) != checkout:
        raise ValueError(f"the journal names {stored}, outside this checkout, and was written in "
                         f"{written_in or 'an unknown checkout'} (moved since?)")
    return path


@contextmanager
def checkout_lock(root: Path, say=None):
    """Every command that reads or writes the outputs holds the checkout's lock and puts right an interrupted
    run first, so it never sees a half-swapped set. ``say`` receives the recovery note, if any."""
    staging = Staging(root)
    staging.acquire()
    try:
        note = staging.recover()
        if note and say is not None:
            say(note)
        yield staging
    finally:
        staging.release()


@contextmanager
def _signals_held():
    """Hold back SIGINT and SIGTERM: they are noted, and delivered once the block has ended.

    Done with Python-level handlers (which always run in the main thread), not a signal mask: a mask
    holds a signal back only from the thread that set it, and the job has other threads."""
    pending: list[int] = []

    def hold(signum, frame):
        pending.append(signum)

    try:
        previous = {signum: signal.signal(signum, hold) for signum in (signal.SIGINT, signal.SIGTERM)}
    except ValueError:  # not the main thread: signals cannot be handled here anyway
        yield
        return
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        if pending:
            signal.raise_signal(pending[0])


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif os.path.lexists(path):
        path.unlink()


def _fsync_dir(path: Path) -> None:
    try:
        handle = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
