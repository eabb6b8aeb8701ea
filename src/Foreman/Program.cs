using Foreman.Hosting;

// foreman serve | align | models | text | submit ...: one executable for the server, the offline engine and the client.
return await ForemanCommands.Build().Parse(args).InvokeAsync();
