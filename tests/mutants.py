"""Curated semantic mutants of the course's core: formulas (measure.py, blocks/), attention/, the check logic.

Each mutant is one small, plausible bug: a wrong BN count, a swapped view in the channel shuffle, a missing
sigmoid, floor instead of ceil, a boundary moved by one. ``tests/mutate.py`` plants them one at a time in a
copy of the committed tree and runs the tests that ``select`` names; a mutant is *killed* when a test fails.

``notebook=True`` marks bugs that only a notebook's stored output used to reveal (the unit tests must catch
them on their own, so portability work on the notebooks cannot lower the safety net).

Survivors are listed in ``EQUIVALENT`` with a one-line argument (a mutant that cannot change any result).
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mutant:
    id: str
    file: str                 # path in the repository
    old: str                  # must occur exactly once in the file
    new: str
    select: tuple[str, ...]   # test files whose text mentions one of these words are run
    k: str = ""               # optional pytest -k expression to narrow the run
    notebook: bool = False    # a bug the notebooks caught before the unit tests did


M = Mutant
MUTANTS: tuple[Mutant, ...] = (
    # ---------------------------------------------------------------- measure.py
    M("bn_params_one_per_channel", "convcourse/measure.py", "    return 2 * channels\n", "    return channels\n",
      ("bn_params",), notebook=True),
    M("conv2d_params_ignores_groups", "convcourse/measure.py",
      "return kh * kw * (in_channels // groups) * out_channels", "return kh * kw * in_channels * out_channels",
      ("conv2d_params",)),
    M("conv2d_params_bias_per_input", "convcourse/measure.py",
      "out_channels + (out_channels if bias else 0)", "out_channels + (in_channels if bias else 0)", ("conv2d_params",)),
    M("linear_params_no_bias", "convcourse/measure.py",
      "return in_features * out_features + (out_features if bias else 0)", "return in_features * out_features",
      ("linear_params",)),
    M("macs_counts_flops", "convcourse/measure.py", "return count_flops(module, input_shape) // 2",
      "return count_flops(module, input_shape)", ("count_macs",)),
    M("latency_no_rotation", "convcourse/measure.py", "shift = r % len(names)", "shift = 0", ("compare_latency",)),
    M("latency_one_at_a_time_same_order", "convcourse/measure.py",
      "for name in (names if r % 2 == 0 else names[::-1]):", "for name in names:", ("one_at_a_time",)),
    M("trainable_only_ignored", "convcourse/measure.py", "if p.requires_grad or not trainable_only",
      "if p.requires_grad or trainable_only", ("trainable_only",)),
    # ---------------------------------------------------------------- attention/
    M("se_hidden_rounds", "convcourse/_checks.py", "hidden = int(channels // reduction)",
      "hidden = int(round(channels / reduction))", ("SEBlock",)),
    M("se_no_sigmoid", "convcourse/attention/se.py", "s = self.gate(self.fc2(self.activation(self.fc1(z))))",
      "s = self.fc2(self.activation(self.fc1(z)))", ("SEBlock",), notebook=True),
    M("se_params_no_bias_term", "convcourse/attention/se.py",
      "return 2 * channels * hidden + ((hidden + channels) if bias else 0)", "return 2 * channels * hidden + hidden",
      ("se_params",)),
    M("cbam_channel_no_sigmoid", "convcourse/attention/cbam.py", "        return torch.sigmoid(logits)",
      "        return logits", ("CBAM",), notebook=True),
    M("cbam_spatial_no_sigmoid", "convcourse/attention/cbam.py", "return torch.sigmoid(self.bn(self.conv(desc)))",
      "return self.bn(self.conv(desc))", ("CBAM",), notebook=True),
    M("cbam_spatial_channel_order_swapped", "convcourse/attention/cbam.py",
      "            ms = self.spatial_attention(x)\n            x = x * ms\n            mc = self.channel_attention(x)\n            out = x * mc",
      "            mc = self.channel_attention(x)\n            x = x * mc\n            ms = self.spatial_attention(x)\n            out = x * ms",
      ("CBAM",)),
    M("cbam_parallel_is_sequential", "convcourse/attention/cbam.py",
      "            mc, ms = self.channel_attention(x), self.spatial_attention(x)\n            out = x * mc * ms",
      "            mc = self.channel_attention(x)\n            ms = self.spatial_attention(x * mc)\n            out = x * mc * ms",
      ("CBAM",)),
    M("cbam_spatial_pools_swapped", "convcourse/attention/cbam.py",
      "avg, mx = x.mean(1, keepdim=True), x.amax(1, keepdim=True)",
      "mx, avg = x.mean(1, keepdim=True), x.amax(1, keepdim=True)", ("CBAM",)),
    M("eca_even_kernel", "convcourse/attention/eca.py", "return t if t % 2 else t + 1", "return t + 1 if t % 2 else t",
      ("eca_kernel_size",)),
    M("eca_kernel_b_zero", "convcourse/attention/eca.py", "t = int(abs((math.log2(channels) + b) / gamma))",
      "t = int(abs(math.log2(channels) / gamma))", ("eca_kernel_size",)),
    M("eca_no_sigmoid", "convcourse/attention/eca.py", "w = torch.sigmoid(y.transpose(1, 2).unsqueeze(-1))",
      "w = y.transpose(1, 2).unsqueeze(-1)", ("ECA",), notebook=True),
    M("sse_no_sigmoid", "convcourse/attention/scse.py", "q = torch.sigmoid(self.conv(x))", "q = self.conv(x)",
      ("SCSE",), notebook=True),
    M("scse_fusion_mul", "convcourse/attention/scse.py",
      "return u_c + u_s if self.fusion == \"add\" else torch.maximum(u_c, u_s)",
      "return u_c * u_s if self.fusion == \"add\" else torch.maximum(u_c, u_s)", ("SCSE",)),
    M("simam_variance_over_m", "convcourse/attention/simam.py", "var = d.sum((2, 3), keepdim=True) / (m - 1)",
      "var = d.sum((2, 3), keepdim=True) / m", ("SimAM",)),
    M("simam_lambda_doubled", "convcourse/attention/simam.py", "return d / (4 * (var + e_lambda)) + 0.5",
      "return d / (4 * (var + 2 * e_lambda)) + 0.5", ("SimAM",)),
    M("gc_no_softmax", "convcourse/attention/gc.py", "return logits.flatten(1).softmax(dim=1).view(n, 1, h, w)",
      "return logits.flatten(1).sigmoid().view(n, 1, h, w)", ("GCBlock",), notebook=True),
    M("gc_mul_no_sigmoid", "convcourse/attention/gc.py", "        return x * torch.sigmoid(t)", "        return x * t",
      ("GCBlock",)),
    M("nonlocal_dot_product_not_normalised", "convcourse/attention/nonlocal_.py",
      "            return f / phi.shape[-1]                                      # Eq. 4: C(x) = N",
      "            return f", ("NonLocalBlock",)),
    M("nonlocal_no_residual", "convcourse/attention/nonlocal_.py", "return self.W_z(y) + x", "return self.W_z(y)",
      ("NonLocalBlock",)),
    M("danet_pam_softmax_wrong_axis", "convcourse/attention/danet.py",
      "attention = (query @ key).softmax(dim=-1)", "attention = (query @ key).softmax(dim=-2)", ("PositionAttention",)),
    M("danet_cam_max_minus_dropped", "convcourse/attention/danet.py",
      "energy = energy.amax(dim=-1, keepdim=True) - energy", "energy = energy", ("ChannelAttentionModule",)),
    # ---------------------------------------------------------------- blocks/
    M("fire_params_squeeze_no_bias", "convcourse/blocks/fire.py", "return s * (in_channels + 1) +",
      "return s * in_channels +", ("fire_params",), notebook=True),
    M("inverted_residual_params_bn_once", "convcourse/blocks/inverted_residual.py",
      "return expand + kernel_size ** 2 * h + 2 * h + h * out_channels + 2 * out_channels",
      "return expand + kernel_size ** 2 * h + 2 * h + h * out_channels + out_channels",
      ("inverted_residual_params",), notebook=True),
    M("make_divisible_no_ten_percent_rule", "convcourse/helpers.py",
      "    new = max(min_value, int(value + divisor / 2) // divisor * divisor)\n",
      "    new = max(min_value, int(value) // divisor * divisor)\n", ("make_divisible",)),
    M("residual_dropped", "convcourse/blocks/inverted_residual.py", "            return x + self.conv(x)",
      "            return self.conv(x)", ("InvertedResidual", "mobilenet")),
    M("shuffle_view_swapped", "convcourse/blocks/shuffle.py",
      "x = x.view(n, groups, c // groups, h, w)", "x = x.view(n, c // groups, groups, h, w)",
      ("channel_shuffle",), notebook=True),
    M("shuffle_permutation_wrong", "convcourse/blocks/shuffle.py",
      "return [(k % groups) * per_group + k // groups for k in range(channels)]",
      "return [(k % per_group) * groups + k // per_group for k in range(channels)]", ("shuffle_permutation",)),
    M("shufflev2_no_final_shuffle", "convcourse/blocks/shuffle.py", "        return channel_shuffle(out, 2)",
      "        return out", ("ShuffleV2Block", "shufflenet")),
    M("ghost_floor_not_ceil", "convcourse/blocks/ghost.py", "    m = math.ceil(out_channels / ratio)\n",
      "    m = out_channels // ratio\n", ("ghost_module_params",), notebook=True),
    M("ghost_speedup_formula", "convcourse/blocks/ghost.py",
      "return c * k * k / (c * k * k / s + (s - 1) / s * d * d)", "return c * k * k / (c * k * k / s + (s - 1) * d * d)",
      ("ghost_speedup_ratio",)),
    M("pconv_flops_full_channels", "convcourse/blocks/pconv.py", "    return h * w * kernel_size ** 2 * cp ** 2\n",
      "    return h * w * kernel_size ** 2 * channels * cp\n", ("pconv_flops",), notebook=True),
    M("pconv_memory_one_way", "convcourse/blocks/pconv.py", "return h * w * 2 * cp + kernel_size ** 2 * cp ** 2",
      "return h * w * cp + kernel_size ** 2 * cp ** 2", ("pconv_memory_access",)),
    M("fasternet_no_residual", "convcourse/blocks/pconv.py", "return x + self.mlp(self.spatial_mixing(x))",
      "return self.mlp(self.spatial_mixing(x))", ("FasterNetBlock", "fasternet")),
    M("sru_gate_weights_unnormalised", "convcourse/blocks/scconv.py",
      "w_gamma = (self.gn.weight / self.gn.weight.sum()).view(1, -1, 1, 1)", "w_gamma = self.gn.weight.view(1, -1, 1, 1)",
      ("SRU",)),
    M("sru_cross_reconstruction_dropped", "convcourse/blocks/scconv.py",
      "return torch.cat([x11 + x22, x21 + x12], dim=1)", "return torch.cat([x11 + x12, x21 + x22], dim=1)", ("SRU",)),
    M("scconv_params_no_norm", "convcourse/blocks/scconv.py", "return p + (2 * in_channels if with_norm else 0)",
      "return p", ("scconv_params",), notebook=True),
    M("fuse_conv_bn_pad_wrong_side", "convcourse/blocks/rep.py", "return F.pad(weight, [1, 1, 1, 1])",
      "return F.pad(weight, [2, 0, 2, 0])", ("pad_1x1_to_3x3", "reparameterize")),
    M("parnet_2sigmoid_ignored", "convcourse/blocks/parnet.py", "            gate = 2 * gate", "            gate = gate",
      ("2sigmoid",)),
    M("stochastic_depth_not_rescaled", "convcourse/blocks/mbconv.py", "return x * mask / keep", "return x * mask",
      ("StochasticDepth",)),
    # ---------------------------------------------------------------- the defects of issue 20, planted back
    M("densenet_transition_rounds", "convcourse/nets/densenet.py", "c = int(c_out * compression) if",
      "c = round(c_out * compression) if", ("densenet_channels",), k="densenet"),
    M("panel_ignores_controls", "convcourse/widgets.py", "return interact(guarded(func), **controls)",
      "return interact(guarded(func))", ("panel",), k="panel"),
    M("panel_not_guarded", "convcourse/widgets.py", "return interact(guarded(func), **controls)",
      "return interact(func, **controls)", ("panel",), k="panel"),
    M("bench_builder_renamed", "convcourse/bench.py", '"convcourse.nets.resnet:resnet50"',
      '"convcourse.nets.resnet:resnet_50"', ("PAIRS",), k="pairs"),
    # ---------------------------------------------------------------- check.py (the exercise checker)
    M("check_tolerance_ignored", "convcourse/check.py",
      "return math.isclose(a, b, rel_tol=rel_tol, abs_tol=abs_tol)",
      "return math.isclose(a, b, rel_tol=max(rel_tol, 0.02), abs_tol=abs_tol)", ("verdict",)),
    M("check_bool_by_equality", "convcourse/check.py", "        return answer is expected",
      "        return answer == expected", ("verdict",)),
    M("check_words_case_sensitive", "convcourse/check.py",
      "return answer.strip().lower() == expected.strip().lower()", "return answer.strip() == expected.strip()",
      ("verdict",)),
)

# pytest -k per mutant (the tests of the mutated code; keeps one run to seconds)
_K = {'bn_params_one_per_channel': 'linear_bn',
 'conv2d_params_ignores_groups': 'conv2d_params',
 'conv2d_params_bias_per_input': 'conv2d_params',
 'linear_params_no_bias': 'linear_bn',
 'macs_counts_flops': 'macs',
 'latency_no_rotation': 'latency',
 'latency_one_at_a_time_same_order': 'one_at_a_time',
 'trainable_only_ignored': 'count_params',
 'se_hidden_rounds': 'se_',
 'se_no_sigmoid': 'se_',
 'se_params_no_bias_term': 'se_',
 'eca_even_kernel': 'eca',
 'eca_kernel_b_zero': 'eca',
 'eca_no_sigmoid': 'eca',
 'sse_no_sigmoid': 'scse or spatial_se',
 'scse_fusion_mul': 'scse',
 'simam_variance_over_m': 'simam',
 'simam_lambda_doubled': 'simam',
 'gc_no_softmax': 'gc',
 'gc_mul_no_sigmoid': 'gc',
 'nonlocal_dot_product_not_normalised': 'nonlocal',
 'nonlocal_no_residual': 'nonlocal or identity',
 'danet_pam_softmax_wrong_axis': 'pam',
 'danet_cam_max_minus_dropped': 'cam',
 'fire_params_squeeze_no_bias': 'fire',
 'inverted_residual_params_bn_once': 'inverted_residual',
 'make_divisible_no_ten_percent_rule': 'make_divisible or mobilenet',
 'residual_dropped': 'inverted_residual',
 'shuffle_view_swapped': 'shuffle',
 'shuffle_permutation_wrong': 'shuffle',
 'shufflev2_no_final_shuffle': 'shuffle',
 'ghost_floor_not_ceil': 'ghost',
 'ghost_speedup_formula': 'ghost',
 'pconv_flops_full_channels': 'pconv',
 'pconv_memory_one_way': 'pconv',
 'fasternet_no_residual': 'fasternet',
 'sru_gate_weights_unnormalised': 'sru',
 'sru_cross_reconstruction_dropped': 'sru',
 'scconv_params_no_norm': 'scconv',
 'fuse_conv_bn_pad_wrong_side': 'fuse or reparam',
 'parnet_2sigmoid_ignored': 'parnet or gate',
 'stochastic_depth_not_rescaled': 'stochastic',
 'check_tolerance_ignored': 'check or verdict or tolerance',
 'check_bool_by_equality': 'check or verdict',
 'check_words_case_sensitive': 'check or verdict',
 'cbam_channel_no_sigmoid': 'cbam',
 'cbam_spatial_no_sigmoid': 'cbam',
 'cbam_spatial_channel_order_swapped': 'cbam',
 'cbam_parallel_is_sequential': 'cbam',
 'cbam_spatial_pools_swapped': 'cbam'}
MUTANTS = tuple(Mutant(m.id, m.file, m.old, m.new, m.select, m.k or _K.get(m.id, ""), m.notebook) for m in MUTANTS)

# Survivors argued equivalent (no input can tell them apart from the original): id -> argument.
EQUIVALENT: dict[str, str] = {
    "check_bool_by_equality": "the line runs only after `answer` is checked to be a bool, and for two bools "
                              "`a == b` and `a is b` agree (True and False are singletons); an int such as 1 "
                              "never reaches it (rejected as not True/False)",
}
