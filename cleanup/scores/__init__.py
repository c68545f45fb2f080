"""Scores for a document: readability (textstat) and translation quality (MQM).

Rules say what is wrong and where; scores turn that into one number to sort and gate
on. Readability measures the prose itself; quality weighs the findings by their MQM
severity. Both are computed only when asked for (`cleanup score`, `check --scores`).
"""
