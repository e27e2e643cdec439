"""Pin the thread count before torch is imported anywhere (tests and the notebook kernels they start).

Outputs are byte-identical run to run with a fixed thread count; the notebooks were stored with one thread.
"""
import os

for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"
os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
