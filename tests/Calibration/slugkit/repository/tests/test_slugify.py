from slugkit import slugify, unique_slug


def test_ascii_words_are_joined():
    assert slugify("Hello, World!") == "hello-world"


def test_unicode_is_transliterated():
    assert slugify("Straße & Café") == "strasse-and-cafe"


def test_long_text_is_cut_at_a_word():
    assert slugify("a" * 50 + " " + "b" * 50, max_length=60) == "a" * 50


def test_unique_slug_counts_up(taken):
    assert unique_slug("Hello world", taken) == "hello-world-3"
