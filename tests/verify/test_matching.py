"""The matching score: deterministic, symmetric, in [0, 1], 1 for the same words."""
import random

from verify.newsroom.matching import similarity


def test_score_bounds_and_symmetry():
    rng = random.Random(42)
    vocabulary = "unemployment fell rose by half in 2023 the bridge cost minister said".split()
    for _ in range(200):
        a = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 9)))
        b = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 9)))
        score = similarity(a, b)
        assert 0.0 <= score <= 1.0
        assert score == similarity(b, a)
    assert similarity("Unemployment FELL, by half!", "unemployment fell by half") == 1.0
    assert similarity("Unemployment fell", "") == 0.0
    assert similarity("bridge cost", "tax rates") == 0.0
