using Foreman.Bench;

// foreman-bench songs | real | queue | model | load | retention | pipeline: the figures of docs/benchmarks.md, measured against the server's library.
return await BenchCommand.Build().Parse(args).InvokeAsync();
