"""Reads the weights of a TinyCtc exported to ONNX back into a PyTorch state dict, so a shipped model can be the
warm start of the next run (INIT_ONNX=...). Named initializers map one to one; torch's exporter stores each
Linear weight as an anonymous, transposed MatMul operand, in the order the graph uses them, and the mel offsets as the
operand of the front end's subtraction. A model with more blocks than the file takes the file's blocks as its first
ones; the rest are reported missing (see TinyCtc.grow_from)."""
import re
import onnx, torch
from onnx import numpy_helper


def block_of(name):
    """The residual block a weight belongs to (blocks.N....), or None for the front end and the head."""
    m = re.match(r'blocks\.(\d+)\.', name)
    return int(m.group(1)) if m else None


def state_dict_from_onnx(path, model):
    graph = onnx.load(path).graph
    weights = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in graph.initializer}
    state = model.state_dict()
    out = {k: weights[k] for k in state if k in weights}
    blocks = len({block_of(k) for k in weights} - {None})
    linears = [k for k in state if k.endswith('.weight') and state[k].dim() == 2 and k not in weights
               and (block_of(k) is None or block_of(k) < blocks)]
    operands = [n.input[1] for n in graph.node if n.op_type == 'MatMul' and n.input[1] in weights]
    if len(linears) != len(operands):
        raise ValueError(f'{path}: {len(operands)} MatMul weights for {len(linears)} linear layers')
    for name, operand in zip(linears, operands):
        out[name] = weights[operand].t().contiguous()
    # fixed mel offsets are exported as the front end's subtrahend, an anonymous [1, mels, 1] constant; a model
    # that subtracted its input's mel mean has no such constant, and its offsets are left to be measured
    offsets = [n.input[1] for n in graph.node if n.op_type == 'Sub' and n.name.startswith('/front/') and n.input[1] in weights]
    if 'front.mel_mean' in state and offsets:
        out['front.mel_mean'] = weights[offsets[0]].reshape(-1)
    missing = [k for k in state if k not in out]
    return out, missing, blocks
