using Foreman.Bench;

// foreman-bench songs | queue | model | load: the figures of docs/benchmarks.md, measured against the server's library.
return await BenchCommand.Build().Parse(args).InvokeAsync();
