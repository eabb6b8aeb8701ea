using Foreman.Cli;

// foreman serve | align | bench ...: one executable for the server, the offline engine and the benchmarks.
return await ForemanCommands.Build().Parse(args).InvokeAsync();
