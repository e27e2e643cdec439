"""Exercise registries, one module per notebook: ``nNN.py`` with ``EXERCISES = {"NN.k": Exercise(...)}``."""
