#!/usr/bin/env bash
# Checks the default (GPU) build on this machine in one run: what CUDA needs and what is missing, the tests that can
# use a GPU, and the alignment benchmark with Foreman:Inference:Device=cuda and with cpu, ending with both real-time factors and
# the device each run actually used. Without CUDA it says what is missing and still prints the CPU figure.
#   scripts/gpu-check.sh [SONGS_DIR]     songs with truth; default tests/data/bench/songs (in every clone)
# Exits non-zero when the build, a test or the CPU run fails, or when everything CUDA needs is here and cuda still fails.
set -uo pipefail
cd "$(dirname "$0")/.."

songs=${1:-tests/data/bench/songs}
bench=bench/Foreman.Bench/bin/Release/net10.0/foreman-bench
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
list() { local IFS=';'; echo "$*" | sed 's/;/, /g'; }

echo "== what ONNX Runtime 1.31's CUDA provider needs"
missing=()
if command -v nvidia-smi >/dev/null 2>&1; then
  gpus=$(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>&1) || missing+=("a working GPU driver (nvidia-smi: $gpus)")
  echo "nvidia-smi: $gpus"
else
  echo "nvidia-smi: not found"
  missing+=("nvidia-smi (the NVIDIA driver)")
fi
compgen -G "/dev/nvidia[0-9]*" >/dev/null || missing+=("a GPU device node (/dev/nvidia0)")
# The libraries the provider links (readelf -d libonnxruntime_providers_cuda.so), and cuDNN, which it opens later.
for library in libcuda.so.1 libcudart.so.13 libcublas.so.13 libcublasLt.so.13 libcurand.so.10 libcudnn.so.9; do
  found=$(ldconfig -p 2>/dev/null | awk -v l="$library" '$1 == l {print $NF; exit}')
  if [[ -z $found ]]; then
    for dir in ${LD_LIBRARY_PATH:+${LD_LIBRARY_PATH//:/ }}; do [[ -e $dir/$library ]] && found=$dir/$library && break; done
  fi
  echo "$library: ${found:-not found}"
  [[ -n $found ]] || missing+=("$library")
done
if ((${#missing[@]})); then
  echo "CUDA is not usable here; missing: $(list "${missing[@]}")"
else
  echo "everything CUDA needs is here"
fi

echo "== build (default: ONNX Runtime's CUDA build)"
dotnet build -c Release -v quiet -nologo || exit 1

echo "== tests that can use a GPU (they expect CUDA where it is usable, the CPU and the reason otherwise)"
dotnet test --project tests/Foreman.Tests/Foreman.Tests.csproj -c Release --no-build \
  --filter-class Foreman.Tests.Api.HealthInferenceTests \
  --filter-class Foreman.Tests.Models.CtcModelTests \
  --filter-class Foreman.Tests.Models.OnnxRuntimeBuildTests >"$work/tests.log" 2>&1 || status=1
grep -E "^(failed|skipped) |^\s+(total|succeeded|failed|skipped):" "$work/tests.log"

echo "== alignment benchmark: foreman-bench songs $songs"
declare -A summary
for device in cuda cpu; do
  Foreman__Inference__Device=$device "$bench" songs "$songs" >"$work/$device.log" 2>&1
  code=$?
  # The emissions (model inference) and whole-run real-time factors, and the device the model ran on.
  factors=$(grep -o "real-time factor: .*" "$work/$device.log" | sed -E 's/.*emissions ([0-9.]+).*whole run ([0-9.]+).*/emissions \1, whole run \2/')
  used=$(grep -m1 "^device: " "$work/$device.log" | cut -d' ' -f2)
  if ((code == 0)); then
    summary[$device]="real-time factor $factors; ran on ${used:-?}"
  else
    reason=$(grep -m1 -E "^foreman-bench|Unhandled exception" "$work/$device.log")
    summary[$device]="not measured: ${reason:-exit code $code, see the output above}"
    [[ $device == cpu || ${#missing[@]} -eq 0 ]] && status=1
    [[ $device == cpu ]] && cat "$work/$device.log"
  fi
  grep -E "^device: " "$work/$device.log"
done

echo "== summary"
for device in cuda cpu; do echo "Foreman:Inference:Device=$device: ${summary[$device]}"; done
((${#missing[@]})) && echo "no CUDA figure on this machine: missing $(list "${missing[@]}")"
exit $status
