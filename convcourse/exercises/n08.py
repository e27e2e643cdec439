from ..check import Exercise

EXERCISES = {
    "08.1": Exercise(15, hint="y_i 最多经过 i−1 个 3×3，每多一个 3×3 感受野加 2；i 取 s。"),
    "08.2": Exercise(18252, hint="s 组中只有 s−1 组带 3×3，每个 3×3 是 w→w：9·w·w。"),
    "08.3": Exercise(11_352_328, hint="用 meta_count_params 分别数两个 builder，再相减。"),
}
