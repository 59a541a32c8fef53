"""Test-only fault injection for the main job (tests/test_interrupt.py): nothing of it is in src/mrt.

A test runs ``run.py`` with this folder on ``PYTHONPATH`` and ``MRT_FAULT_AT=POINT:ACTION``. Python imports this
``sitecustomize`` at start-up; it patches mrt.pipeline and mrt.staging as they are imported, so that the run stops
at POINT: ``pause`` prints ``paused at POINT`` and waits for the test's signal; ``sigterm`` and ``sigkill`` make the
process signal itself there. The points, in the order a run passes them:

- ``<notebook> written``: that notebook's executed copy is written (the other kernels still run);
- ``site``: every notebook has run, the site is about to be built;
- ``ready``: the new set is complete, just before the swap;
- ``swap``: the journal is written, nothing moved yet; ``swap N``: N outputs moved, the rest not;
- ``swapped``: everything moved, the old set not yet removed.

Without ``MRT_FAULT_AT`` (every process outside these tests) it changes nothing.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import os
import signal
import sys
import time

FAULT_ENV = "MRT_FAULT_AT"


def wanted() -> tuple[str, str]:
    point, _, action = os.environ.get(FAULT_ENV, "").rpartition(":")
    return point, action


def fault(name: str) -> None:
    point, action = wanted()
    if point != name:
        return
    if action == "pause":
        print(f"paused at {name} ({FAULT_ENV})", file=sys.stderr, flush=True)
        while True:
            signal.pause() if hasattr(signal, "pause") else time.sleep(1)
    elif action in ("sigterm", "sigkill"):
        os.kill(os.getpid(), getattr(signal, action.upper()))


async def async_fault(name: str) -> None:
    """A pause inside the event loop keeps it (and its signal handlers) running."""
    import asyncio

    point, action = wanted()
    if point == name and action == "pause":
        print(f"paused at {name} ({FAULT_ENV})", file=sys.stderr, flush=True)
        await asyncio.Event().wait()
    fault(name)


def patch_executor(executor) -> None:
    run_one = executor._run_one

    async def _run_one(step, *args, **kwargs):
        await run_one(step, *args, **kwargs)
        await async_fault(f"{step.notebook} written")

    executor._run_one = _run_one


def patch_pipeline(pipeline) -> None:
    build_site = pipeline.build_site

    def _build_site(*args, **kwargs):
        fault("site")
        return build_site(*args, **kwargs)

    pipeline.build_site = _build_site


class _CountingOs:
    """mrt.staging's ``os``, with ``replace`` counting the new outputs moved into place (``swap N``)."""

    def __init__(self):
        self.new, self.moved = set(), 0

    def __getattr__(self, name):
        return getattr(os, name)

    def replace(self, src, dst, *args, **kwargs):
        os.replace(src, dst, *args, **kwargs)
        if str(src) in self.new:
            self.moved += 1
            fault(f"swap {self.moved}")


def patch_staging(staging) -> None:
    counting = _CountingOs()
    staging.os = counting
    swap, write_journal = staging.Staging.swap, staging.Staging._write_journal

    def _swap(self, moves):
        fault("ready")
        return swap(self, moves)

    def _write_journal(self, state, moves, *args, **kwargs):
        result = write_journal(self, state, moves, *args, **kwargs)
        if state == "built":
            counting.new, counting.moved = {str(m.new) for m in moves}, 0
            fault("swap")
        elif state == "swapped":
            fault("swapped")
        return result

    staging.Staging.swap, staging.Staging._write_journal = _swap, _write_journal


PATCHES = {"mrt.executor": patch_executor, "mrt.pipeline": patch_pipeline, "mrt.staging": patch_staging}


class _PatchOnImport(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name not in PATCHES:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        execute = spec.loader.exec_module

        def exec_module(module):
            execute(module)
            PATCHES[name](module)

        spec.loader.exec_module = exec_module
        return spec


if os.environ.get(FAULT_ENV):
    sys.meta_path.insert(0, _PatchOnImport())
