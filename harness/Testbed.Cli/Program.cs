using Testbed.Cli.Shell;

return await TestbedApp.RunAsync(args);
