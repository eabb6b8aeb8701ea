#!/usr/bin/python3
"""Dynamic int8 quantization of an ONNX model's MatMul weights, the way ONNX Runtime's quantize_dynamic does it for
CPUs (and how the `onnx/model_quantized.onnx` files of Hugging Face repositories are made): each MatMul whose second
input is a constant float matrix keeps int8 weights with one scale, and its activations are quantized per call
(DynamicQuantizeLinear -> MatMulInteger -> Cast -> Mul), which ONNX Runtime fuses into one integer kernel.

    /usr/bin/python3 training/base_size/quantize_int8.py MODEL.onnx OUT.onnx

Needs only Debian's python3-onnx (ONNX Runtime's own Python tools are not packaged by Debian).
"""
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto


def attribute(node, name, default):
    return next((helper.get_attribute_value(a) for a in node.attribute if a.name == name), default)


def plain_gemm(node):
    """A Gemm that is a matrix product plus bias: no scaling and no transposed input."""
    return node.op_type == "MatMul" or (attribute(node, "alpha", 1.0) == 1.0 and attribute(node, "beta", 1.0) == 1.0
                                        and not attribute(node, "transA", 0))


def quantize(model):
    graph = model.graph
    weights = {init.name: init for init in graph.initializer}
    nodes, quantized, kept = [], 0, 0
    for node in graph.node:
        weight = weights.get(node.input[1]) if node.op_type in ("MatMul", "Gemm") else None
        if weight is None or weight.data_type != TensorProto.FLOAT or len(weight.dims) != 2 or not plain_gemm(node):
            nodes.append(node)
            continue
        w = numpy_helper.to_array(weight)
        if attribute(node, "transB", 0):
            w = w.T
        scale = max(float(np.abs(w).max()), 1e-12) / 127.0
        q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
        name = node.name or node.output[0]
        graph.initializer.extend([
            numpy_helper.from_array(q, weight.name + "_int8"),
            numpy_helper.from_array(np.array(scale, dtype=np.float32), weight.name + "_scale"),
            numpy_helper.from_array(np.array(0, dtype=np.int8), weight.name + "_zero"),
        ])
        a, a_scale, a_zero = name + "_a_u8", name + "_a_scale", name + "_a_zero"
        nodes += [
            helper.make_node("DynamicQuantizeLinear", [node.input[0]], [a, a_scale, a_zero], name + "_quant"),
            helper.make_node("MatMulInteger", [a, weight.name + "_int8", a_zero, weight.name + "_zero"], [name + "_i32"], name + "_matmul"),
            helper.make_node("Cast", [name + "_i32"], [name + "_f32"], name + "_cast", to=TensorProto.FLOAT),
            helper.make_node("Mul", [a_scale, weight.name + "_scale"], [name + "_scales"], name + "_scales"),
        ]
        # Gemm's bias becomes an Add after the rescale.
        product = name + "_product" if node.op_type == "Gemm" and len(node.input) > 2 else node.output[0]
        nodes.append(helper.make_node("Mul", [name + "_f32", name + "_scales"], [product], name + "_rescale"))
        if product != node.output[0]:
            nodes.append(helper.make_node("Add", [product, node.input[2]], [node.output[0]], name + "_bias"))
        quantized += w.size
    for init in list(graph.initializer):
        if init.name in weights and any(n.op_type == "MatMulInteger" and n.input[1] == init.name + "_int8" for n in nodes):
            graph.initializer.remove(init)
        elif init.data_type == TensorProto.FLOAT:
            kept += int(np.prod(init.dims))
    del graph.node[:]
    graph.node.extend(nodes)
    return quantized, kept


def main(source, target):
    model = onnx.load(source)
    quantized, kept = quantize(model)
    onnx.checker.check_model(model)
    onnx.save(model, target)
    print(f"int8 weights: {quantized / 1e6:.1f} M parameters; float parameters kept: {kept / 1e6:.1f} M")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
