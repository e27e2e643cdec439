"""Curated semantic mutants of the course's core: formulas (measure.py, blocks/), attention/, the check logic.

Each mutant is one small, plausible bug: a wrong BN count, a swapped view in the channel shuffle, a missing
sigmoid, floor instead of ceil, a boundary moved by one. ``tests/mutate.py`` plants them one at a time in a
copy of the committed tree and runs the tests that ``select`` names; a mutant is *killed* when a test fails.

``notebook=True`` marks bugs that only a notebook's stored output used to reveal (the unit tests must catch
them on their own, so portability work on the notebooks cannot lower the safety net).

Survivors are listed in ``EQUIVALENT`` with a one-line argument (a mutant that cannot change any result).
"""
from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class Mutant:
    id: str
    old: str                  # must occur exactly once in the file
    new: str
    select: tuple[str, ...]   # test files whose text mentions one of these words are run
    k: str = ""               # pytest -k expression: the tests of the mutated code (keeps one run to seconds)
    notebook: bool = False    # a bug the notebooks caught before the unit tests did
    file: str = ""            # path in the repository, set by ``in_file``


def in_file(file: str, *mutants: Mutant) -> tuple[Mutant, ...]:
    """The mutants of one file of the repository."""
    return tuple(replace(m, file=file) for m in mutants)


M = Mutant
MUTANTS: tuple[Mutant, ...] = (
    # ---------------------------------------------------------------- measure.py
    *in_file("convcourse/measure.py",
        M("bn_params_one_per_channel", "    return 2 * channels\n", "    return channels\n", ("bn_params",),
          k="linear_bn", notebook=True),
        M("conv2d_params_ignores_groups", "return kh * kw * (in_channels // groups) * out_channels",
          "return kh * kw * in_channels * out_channels", ("conv2d_params",), k="conv2d_params"),
        M("conv2d_params_bias_per_input", "out_channels + (out_channels if bias else 0)",
          "out_channels + (in_channels if bias else 0)", ("conv2d_params",), k="conv2d_params"),
        M("linear_params_no_bias", "return in_features * out_features + (out_features if bias else 0)",
          "return in_features * out_features", ("linear_params",), k="linear_bn"),
        M("macs_counts_flops", "return count_flops(module, input_shape) // 2",
          "return count_flops(module, input_shape)", ("count_macs",), k="macs"),
        M("latency_no_rotation", "shift = r % len(names)", "shift = 0", ("compare_latency",), k="latency"),
        M("latency_one_at_a_time_same_order", "for name in (names if r % 2 == 0 else names[::-1]):",
          "for name in names:", ("one_at_a_time",), k="one_at_a_time"),
        M("trainable_only_ignored", "if p.requires_grad or not trainable_only",
          "if p.requires_grad or trainable_only", ("trainable_only",), k="count_params")),
    # ---------------------------------------------------------------- attention/
    *in_file("convcourse/_checks.py",
        M("se_hidden_rounds", "hidden = int(channels // reduction)", "hidden = int(round(channels / reduction))",
          ("SEBlock",), k="se_")),
    *in_file("convcourse/attention/se.py",
        M("se_no_sigmoid", "s = self.gate(self.fc2(self.activation(self.fc1(z))))",
          "s = self.fc2(self.activation(self.fc1(z)))", ("SEBlock",), k="se_", notebook=True),
        M("se_params_no_bias_term", "return 2 * channels * hidden + ((hidden + channels) if bias else 0)",
          "return 2 * channels * hidden + hidden", ("se_params",), k="se_")),
    *in_file("convcourse/attention/cbam.py",
        M("cbam_channel_no_sigmoid", "        return torch.sigmoid(logits)", "        return logits", ("CBAM",),
          k="cbam", notebook=True),
        M("cbam_spatial_no_sigmoid", "return torch.sigmoid(self.bn(self.conv(desc)))",
          "return self.bn(self.conv(desc))", ("CBAM",), k="cbam", notebook=True),
        M("cbam_spatial_channel_order_swapped",
          "            ms = self.spatial_attention(x)\n            x = x * ms\n            mc = self.channel_attention(x)\n            out = x * mc",
          "            mc = self.channel_attention(x)\n            x = x * mc\n            ms = self.spatial_attention(x)\n            out = x * ms",
          ("CBAM",), k="cbam"),
        M("cbam_parallel_is_sequential",
          "            mc, ms = self.channel_attention(x), self.spatial_attention(x)\n            out = x * mc * ms",
          "            mc = self.channel_attention(x)\n            ms = self.spatial_attention(x * mc)\n            out = x * mc * ms",
          ("CBAM",), k="cbam"),
        M("cbam_spatial_pools_swapped", "avg, mx = x.mean(1, keepdim=True), x.amax(1, keepdim=True)",
          "mx, avg = x.mean(1, keepdim=True), x.amax(1, keepdim=True)", ("CBAM",), k="cbam")),
    *in_file("convcourse/attention/eca.py",
        M("eca_even_kernel", "return t if t % 2 else t + 1", "return t + 1 if t % 2 else t", ("eca_kernel_size",),
          k="eca"),
        M("eca_kernel_b_zero", "t = int(abs((math.log2(channels) + b) / gamma))",
          "t = int(abs(math.log2(channels) / gamma))", ("eca_kernel_size",), k="eca"),
        M("eca_no_sigmoid", "w = torch.sigmoid(y.transpose(1, 2).unsqueeze(-1))",
          "w = y.transpose(1, 2).unsqueeze(-1)", ("ECA",), k="eca", notebook=True)),
    *in_file("convcourse/attention/scse.py",
        M("sse_no_sigmoid", "q = torch.sigmoid(self.conv(x))", "q = self.conv(x)", ("SCSE",), k="scse or spatial_se",
          notebook=True),
        M("scse_fusion_mul", 'return u_c + u_s if self.fusion == "add" else torch.maximum(u_c, u_s)',
          'return u_c * u_s if self.fusion == "add" else torch.maximum(u_c, u_s)', ("SCSE",), k="scse")),
    *in_file("convcourse/attention/simam.py",
        M("simam_variance_over_m", "var = d.sum((2, 3), keepdim=True) / (m - 1)",
          "var = d.sum((2, 3), keepdim=True) / m", ("SimAM",), k="simam"),
        M("simam_lambda_doubled", "return d / (4 * (var + e_lambda)) + 0.5",
          "return d / (4 * (var + 2 * e_lambda)) + 0.5", ("SimAM",), k="simam")),
    *in_file("convcourse/attention/gc.py",
        M("gc_no_softmax", "return logits.flatten(1).softmax(dim=1).view(n, 1, h, w)",
          "return logits.flatten(1).sigmoid().view(n, 1, h, w)", ("GCBlock",), k="gc", notebook=True),
        M("gc_mul_no_sigmoid", "        return x * torch.sigmoid(t)", "        return x * t", ("GCBlock",), k="gc")),
    *in_file("convcourse/attention/nonlocal_.py",
        M("nonlocal_dot_product_not_normalised",
          "            return f / phi.shape[-1]                                      # Eq. 4: C(x) = N",
          "            return f", ("NonLocalBlock",), k="nonlocal"),
        M("nonlocal_no_residual", "return self.W_z(y) + x", "return self.W_z(y)", ("NonLocalBlock",),
          k="nonlocal or identity")),
    *in_file("convcourse/attention/danet.py",
        M("danet_pam_softmax_wrong_axis", "attention = (query @ key).softmax(dim=-1)",
          "attention = (query @ key).softmax(dim=-2)", ("PositionAttention",), k="pam"),
        M("danet_cam_max_minus_dropped", "energy = energy.amax(dim=-1, keepdim=True) - energy", "energy = energy",
          ("ChannelAttentionModule",), k="cam")),
    # ---------------------------------------------------------------- blocks/
    *in_file("convcourse/blocks/fire.py",
        M("fire_params_squeeze_no_bias", "return s * (in_channels + 1) +", "return s * in_channels +",
          ("fire_params",), k="fire", notebook=True)),
    *in_file("convcourse/blocks/inverted_residual.py",
        M("inverted_residual_params_bn_once",
          "return expand + kernel_size ** 2 * h + 2 * h + h * out_channels + 2 * out_channels",
          "return expand + kernel_size ** 2 * h + 2 * h + h * out_channels + out_channels",
          ("inverted_residual_params",), k="inverted_residual", notebook=True),
        M("residual_dropped", "            return x + self.conv(x)", "            return self.conv(x)",
          ("InvertedResidual", "mobilenet"), k="inverted_residual")),
    *in_file("convcourse/helpers.py",
        M("make_divisible_no_ten_percent_rule",
          "    new = max(min_value, int(value + divisor / 2) // divisor * divisor)\n",
          "    new = max(min_value, int(value) // divisor * divisor)\n", ("make_divisible",),
          k="make_divisible or mobilenet")),
    *in_file("convcourse/blocks/shuffle.py",
        M("shuffle_view_swapped", "x = x.view(n, groups, c // groups, h, w)",
          "x = x.view(n, c // groups, groups, h, w)", ("channel_shuffle",), k="shuffle", notebook=True),
        M("shuffle_permutation_wrong", "return [(k % groups) * per_group + k // groups for k in range(channels)]",
          "return [(k % per_group) * groups + k // per_group for k in range(channels)]", ("shuffle_permutation",),
          k="shuffle"),
        M("shufflev2_no_final_shuffle", "        return channel_shuffle(out, 2)", "        return out",
          ("ShuffleV2Block", "shufflenet"), k="shuffle")),
    *in_file("convcourse/blocks/ghost.py",
        M("ghost_floor_not_ceil", "    m = math.ceil(out_channels / ratio)\n", "    m = out_channels // ratio\n",
          ("ghost_module_params",), k="ghost", notebook=True),
        M("ghost_speedup_formula", "return c * k * k / (c * k * k / s + (s - 1) / s * d * d)",
          "return c * k * k / (c * k * k / s + (s - 1) * d * d)", ("ghost_speedup_ratio",), k="ghost")),
    *in_file("convcourse/blocks/pconv.py",
        M("pconv_flops_full_channels", "    return h * w * kernel_size ** 2 * cp ** 2\n",
          "    return h * w * kernel_size ** 2 * channels * cp\n", ("pconv_flops",), k="pconv", notebook=True),
        M("pconv_memory_one_way", "return h * w * 2 * cp + kernel_size ** 2 * cp ** 2",
          "return h * w * cp + kernel_size ** 2 * cp ** 2", ("pconv_memory_access",), k="pconv"),
        M("fasternet_no_residual", "return x + self.mlp(self.spatial_mixing(x))",
          "return self.mlp(self.spatial_mixing(x))", ("FasterNetBlock", "fasternet"), k="fasternet")),
    *in_file("convcourse/blocks/scconv.py",
        M("sru_gate_weights_unnormalised", "w_gamma = (self.gn.weight / self.gn.weight.sum()).view(1, -1, 1, 1)",
          "w_gamma = self.gn.weight.view(1, -1, 1, 1)", ("SRU",), k="sru"),
        M("sru_cross_reconstruction_dropped", "return torch.cat([x11 + x22, x21 + x12], dim=1)",
          "return torch.cat([x11 + x12, x21 + x22], dim=1)", ("SRU",), k="sru"),
        M("scconv_params_no_norm", "return p + (2 * in_channels if with_norm else 0)", "return p", ("scconv_params",),
          k="scconv", notebook=True)),
    *in_file("convcourse/blocks/rep.py",
        M("fuse_conv_bn_pad_wrong_side", "return F.pad(weight, [1, 1, 1, 1])", "return F.pad(weight, [2, 0, 2, 0])",
          ("pad_1x1_to_3x3", "reparameterize"), k="fuse or reparam")),
    *in_file("convcourse/blocks/parnet.py",
        M("parnet_2sigmoid_ignored", "            gate = 2 * gate", "            gate = gate", ("2sigmoid",),
          k="parnet or gate")),
    *in_file("convcourse/blocks/mbconv.py",
        M("stochastic_depth_not_rescaled", "return x * mask / keep", "return x * mask", ("StochasticDepth",),
          k="stochastic")),
    # ---------------------------------------------------------------- the defects of issue 20, planted back
    *in_file("convcourse/nets/densenet.py",
        M("densenet_transition_rounds", "c = int(c_out * compression) if", "c = round(c_out * compression) if",
          ("densenet_channels",), k="densenet")),
    *in_file("convcourse/widgets.py",
        M("panel_ignores_controls", "return interact(guarded(func), **controls)", "return interact(guarded(func))",
          ("panel",), k="panel"),
        M("panel_not_guarded", "return interact(guarded(func), **controls)", "return interact(func, **controls)",
          ("panel",), k="panel")),
    *in_file("convcourse/bench.py",
        M("bench_builder_renamed", '"convcourse.nets.resnet:resnet50"', '"convcourse.nets.resnet:resnet_50"',
          ("PAIRS",), k="pairs")),
    # ---------------------------------------------------------------- check.py (the exercise checker)
    *in_file("convcourse/check.py",
        M("check_tolerance_ignored", "return math.isclose(a, b, rel_tol=rel_tol, abs_tol=abs_tol)",
          "return math.isclose(a, b, rel_tol=max(rel_tol, 0.02), abs_tol=abs_tol)", ("verdict",),
          k="check or verdict or tolerance"),
        M("check_bool_by_equality", "        return answer is expected", "        return answer == expected",
          ("verdict",), k="check or verdict"),
        M("check_words_case_sensitive", "return answer.strip().lower() == expected.strip().lower()",
          "return answer.strip() == expected.strip()", ("verdict",), k="check or verdict")),
)

# Survivors argued equivalent (no input can tell them apart from the original): id -> argument.
EQUIVALENT: dict[str, str] = {
    "check_bool_by_equality": "the line runs only after `answer` is checked to be a bool, and for two bools "
                              "`a == b` and `a is b` agree (True and False are singletons); an int such as 1 "
                              "never reaches it (rejected as not True/False)",
}
