from ..check import Exercise

EXERCISES = {
    "00.1": Exercise(9408, hint="k·k·C_in·C_out，bias=False 时不加 C_out；ResNet 的第一层是 7×7、3→64。"),
    "00.2": Exercise(112, hint="输出尺寸 = ⌊(H + 2p − k) / s⌋ + 1。"),
    "00.3": Exercise(2, hint="FlopCounterMode 把一次乘加记作几次浮点运算？"),
}
