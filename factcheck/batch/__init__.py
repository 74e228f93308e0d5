"""`factcheck batch`: many articles, on one process, a pool of processes or a Dask cluster.

- `inputs.py`: files, directories and JSON Lines of articles, read lazily and in order;
- `worker.py`: checking one chunk of articles, the same code on every engine;
- `engines.py`, `dask_engine.py`: where chunks run (this process, a process pool, Dask);
- `output.py`: JSON Lines or one report per file, flushed per article, and resuming;
- `runner.py`: the batch from inputs to output, and its summary;
- `progress.py`: the progress bar; the command itself is `factcheck.cli.batch`.
"""
