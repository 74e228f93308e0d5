"""Language data for extraction: word lists and metric vocabularies, one module per language.

Extraction code asks these modules what words mean; it holds no word lists of its
own for the rules kept here. Each rule has a name and a test table in
`tests/extraction/test_lang_rules.py`.
"""
