# Thin wrapper: every target calls run.py, which also works where make is absent.
PYTHON ?= python3

.PHONY: run test site student benchmark lab mutation lock
run:
	$(PYTHON) run.py run
test:
	$(PYTHON) run.py test
site:
	$(PYTHON) run.py site
student:
	$(PYTHON) run.py student
benchmark:
	$(PYTHON) run.py benchmark
lab:
	$(PYTHON) run.py lab
mutation:
	$(PYTHON) run.py mutation
lock:
	$(PYTHON) run.py lock
