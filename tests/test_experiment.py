"""The capstone experiment (convcourse.experiment) and the threshold-free attention score."""
import math

import pytest
import torch

from convcourse import experiment as ex


def test_holm_matches_the_hand_worked_example():
    # sorted p: 0.005, 0.01, 0.03, 0.04 -> x4, x3, x2, x1 = 0.02, 0.03, 0.06, 0.04 -> monotone 0.02, 0.03, 0.06, 0.06
    assert ex.holm([0.01, 0.04, 0.03, 0.005]) == pytest.approx([0.03, 0.06, 0.06, 0.02])
    assert ex.holm([0.5, 0.9]) == pytest.approx([1.0, 1.0])            # capped at 1
    assert ex.holm([0.02]) == pytest.approx([0.02])


def test_paired_difference_agrees_with_scipy():
    from scipy import stats

    a = [0.81, 0.77, 0.90, 0.85, 0.79, 0.88]
    b = [0.80, 0.74, 0.86, 0.86, 0.75, 0.85]
    r = ex.paired_difference(a, b)
    d = [x - y for x, y in zip(a, b)]
    res = stats.ttest_1samp(d, 0.0)
    ci = res.confidence_interval(0.95)
    assert r["n"] == 6 and r["mean"] == pytest.approx(sum(d) / 6)
    assert r["p"] == pytest.approx(res.pvalue) and (r["low"], r["high"]) == pytest.approx((ci.low, ci.high))
    # by hand: d = .01 .03 .04 -.01 .04 .03, mean 0.023333, sd sqrt(0.0019333 / 5) = 0.019664, t(5) 97.5 % = 2.570582
    half = 2.570582 * 0.019664 / math.sqrt(6)
    assert (r["low"], r["high"]) == pytest.approx((0.023333 - half, 0.023333 + half), abs=1e-5)
    with pytest.raises(ValueError, match="paired"):
        ex.paired_difference([0.1, 0.2], [0.1])


def test_verdict_only_where_the_corrected_test_rejects():
    results = {ex.BASELINE.label: [0.80, 0.82, 0.78, 0.81, 0.79, 0.80],
               "worse": [0.70, 0.71, 0.69, 0.72, 0.70, 0.69],
               "same": [0.81, 0.81, 0.77, 0.82, 0.80, 0.79]}
    rows = {r["label"]: r for r in ex.compare(results)}
    assert rows["worse"]["verdict"] == "低于基线" and rows["worse"]["high"] < 0
    assert rows["same"]["verdict"] == "未检出差异" and rows["same"]["low"] < 0 < rows["same"]["high"]
    assert rows["same"]["p_holm"] == pytest.approx(min(1, 2 * rows["same"]["p"])) or rows["same"]["p_holm"] >= rows["same"]["p"]


def _forward_pair(arm, x):
    torch.manual_seed(0)
    base = ex.build_net(ex.BASELINE, 3).eval()
    net = ex.build_net(arm, 3).eval()
    with torch.no_grad():
        return base(x), net(x), net


def test_every_arm_starts_from_the_same_backbone():
    a, b = ex.build_net(ex.BASELINE, 5), ex.build_net(ex.ARMS[1], 5)
    for (k, v) in a.state_dict().items():
        assert torch.equal(v, b.state_dict()[k]), k


def test_branch_module_with_all_ones_attention_is_the_plain_block():
    x = torch.rand(4, 1, 24, 24)
    se = next(a for a in ex.ARMS if a.attention == "se" and a.placement == "branch")
    torch.manual_seed(0)
    base = ex.build_net(ex.BASELINE, 3).eval()
    net = ex.build_net(se, 3).eval()
    with torch.no_grad():
        net.attention.fc2.weight.zero_()
        net.attention.fc2.bias.fill_(100.0)                   # sigmoid(100) == 1 in float32: s = 1
        assert torch.equal(base(x), net(x))
        net.attention.fc2.bias.fill_(-100.0)                  # s = 0: the branch is cut, only x remains
        assert not torch.allclose(base(x), net(x))


def test_block_modules_start_as_identity():
    x = torch.rand(4, 1, 24, 24)
    for name in ("nonlocal", "gc", "danet"):
        arm = next(a for a in ex.ARMS if a.attention == name)
        assert arm.placement == "block"
        base = ex.build_net(ex.BASELINE, 1).eval()
        net = ex.build_net(arm, 1).eval()
        with torch.no_grad():
            assert torch.allclose(base(x), net(x), atol=1e-6), name


def test_arms_are_placed_as_their_papers_place_them():
    place = {a.attention: a.placement for a in ex.ARMS if a.attention}
    assert all(place[n] == "branch" for n in ("se", "cbam", "eca", "scse", "simam"))
    assert all(place[n] == "block" for n in ("nonlocal", "gc", "danet"))
    with pytest.raises(ValueError, match="placement"):
        ex.ExperimentNet(ex.Arm("x", "se", "none"))


def test_one_run_is_seeded_and_reproducible():
    setup = ex.Setup(n_train=64, n_test=64, epochs=1)
    a = ex.train_once(ex.ARMS[1], 0, setup)
    assert a == ex.train_once(ex.ARMS[1], 0, setup) and 0 <= a <= 1
    res = ex.run(ex.ARMS[:2], seeds=range(2), setup=setup)
    assert list(res) == [ex.ARMS[0].label, ex.ARMS[1].label] and all(len(v) == 2 for v in res.values())


def test_recomputed_bn_statistics_are_the_data_statistics():
    net = ex.build_net(ex.BASELINE, 0)
    x = torch.rand(300, 1, 24, 24)
    from convcourse.train import recompute_bn_statistics

    recompute_bn_statistics(net, x, batch_size=100)
    bn = net.stem[1]
    with torch.no_grad():
        y = net.stem[0](x)
    assert not net.training
    assert torch.allclose(bn.running_mean, y.mean((0, 2, 3)), atol=1e-5)
    assert bn.momentum == 0.1


def _brute_auroc(att, box):
    top, left, bottom, right = box
    inside, outside = [], []
    for i in range(att.shape[0]):
        for j in range(att.shape[1]):
            (inside if top <= i < bottom and left <= j < right else outside).append(float(att[i, j]))
    wins = sum((a > b) + 0.5 * (a == b) for a in inside for b in outside)
    return wins / (len(inside) * len(outside))


@pytest.mark.parametrize("seed", range(4))
def test_auroc_equals_the_brute_force_pair_count(seed):
    from convcourse.viz import attention_auroc_in_box

    g = torch.Generator().manual_seed(seed)
    att = torch.randint(0, 5, (9, 11), generator=g).float()      # many ties
    box = (2, 3, 6, 8)
    assert attention_auroc_in_box(att, box) == pytest.approx(_brute_auroc(att, box))
    # threshold-free: any increasing transform leaves it unchanged
    assert attention_auroc_in_box(torch.sigmoid(att) * 3 + 1, box) == pytest.approx(_brute_auroc(att, box))


def test_auroc_extremes_and_errors():
    from convcourse.viz import attention_auroc_in_box
    from convcourse.viz.attention_maps import auroc_in_box

    att = torch.zeros(8, 8)
    att[2:4, 2:4] = 1
    assert attention_auroc_in_box(att, (2, 2, 4, 4)) == 1.0
    assert attention_auroc_in_box(-att, (2, 2, 4, 4)) == 0.0
    assert attention_auroc_in_box(torch.ones(8, 8), (2, 2, 4, 4)) == 0.5
    assert attention_auroc_in_box(att, (8, 8, 16, 16), image_size=(32, 32)) == 1.0
    assert auroc_in_box(torch.stack([att, -att]), torch.tensor([[2, 2, 4, 4]] * 2), (8, 8)) == 0.5
    with pytest.raises(ValueError, match="whole"):
        attention_auroc_in_box(att, (0, 0, 8, 8))
    with pytest.raises(ValueError, match="box="):
        attention_auroc_in_box(att, (4, 4, 2, 9))


def test_runs_spread_over_worker_processes_give_the_same_numbers():
    """``workers`` only changes where each ``train_once`` runs: same seeds, same accuracies (same CPU)."""
    setup = ex.Setup(n_train=128, n_test=64, epochs=1)
    arms = (ex.BASELINE, next(a for a in ex.ARMS if a.attention == "nonlocal"))
    alone = ex.run(arms, range(2), setup)
    spread = ex.run(arms, range(2), setup, workers=2)
    assert alone == spread and list(spread) == [a.label for a in arms] and all(len(v) == 2 for v in spread.values())
    with pytest.raises(ValueError, match="workers"):
        ex.run(arms, range(2), setup, workers=0)


def test_nonlocal_arm_subsamples_keys_as_the_paper_does():
    arm = next(a for a in ex.ARMS if a.attention == "nonlocal")
    assert dict(arm.kwargs) == {"sub_sample": True}                # Sec. 3.3: phi and g max-pooled by 2
    assert isinstance(ex.build_net(arm, 0).attention.pool, torch.nn.MaxPool2d)


def test_the_experiment_runs_on_the_real_digit_split():
    from convcourse.realdata import load_digits

    setup = ex.Setup(n_train=100, n_test=50)
    x, y, x_test, y_test = ex.experiment_data(setup)
    assert x.shape == (100, 1, 24, 24) and x_test.shape == (50, 1, 24, 24)
    assert torch.bincount(y).tolist() == [10] * 10 and torch.bincount(y_test).tolist() == [5] * 10
    assert torch.equal(x_test, load_digits("test", n=50).images[..., 2:26, 2:26])   # held out: the test split, cropped
    net = ex.build_net(ex.BASELINE, 0, setup)
    assert net.in_channels == ex.DIGIT_CHANNELS == 1 and net.head.out_features == ex.DIGIT_CLASSES == 10
    assert net(x[:2]).shape == (2, 10)


@pytest.mark.parametrize("call,argument", [
    (lambda: ex.ExperimentNet(in_channels=0), "in_channels"),
    (lambda: ex.ExperimentNet(num_classes=0), "num_classes"),
    (lambda: ex.ExperimentNet(widths=(8,)), "widths"),
    (lambda: ex.ExperimentNet(arm="se"), "arm"),
    (lambda: ex.ExperimentNet(in_channels=3)(torch.rand(2, 1, 28, 28)), "channels"),
    (lambda: ex.Setup(n_train=4001), "n_train"),
    (lambda: ex.Setup(n_test=0), "n_test"),
    (lambda: ex.Setup(side=25), "side"),
    (lambda: ex.Setup(side=30), "side"),
    (lambda: ex.Setup(lr=0), "lr"),
    (lambda: ex.Setup(epochs=0), "epochs"),
])
def test_bad_arguments_raise_clear_errors(call, argument):
    with pytest.raises(ValueError, match=argument):
        call()
