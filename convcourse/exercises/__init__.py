"""Exercises, one lesson a file: ``nNN.json`` holds the exercises as data (read by ``convcourse.check``);
``nNN.py``, where a coding exercise plants mistakes, holds the wrong variants of the reference it names."""
