"""`make bench` (`python -m scripts.bench`): the tables of figures, one module per subject, and what they measure
with (measure.py). Each table imports measure.py, never another table."""
