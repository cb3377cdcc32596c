"""MentorApp's benchmark suite: each measure against a floor taken in the same run.

Run with `make bench`. Figures on a shared machine are noisy, so every measure
is repeated, reported as a median, and compared with a floor measured alongside.
"""
