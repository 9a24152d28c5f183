var builder = WebApplication.CreateBuilder(args);
// Serves the framework's and MudBlazor's files when the built dll is run directly in any environment
// (`dotnet bin/…/CampaignConsole.Web.dll`); a no-op for published output, which carries them itself.
builder.WebHost.UseStaticWebAssets();

builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddCampaignPersistence(builder.Configuration);
builder.Services.AddEvents();
builder.Services.AddContacts();
builder.Services.AddSources();
builder.Services.AddCampaigns();
builder.Services.AddMediator(o => o.NotificationPublisherType = typeof(Mediator.ForeachAwaitPublisher));
builder.Services.AddConsoleAuth();
builder.Services.AddApi();
builder.Services.AddConsoleUi();
builder.Services.AddStartupBanner();
builder.Services.AddMessagesHub(builder.Configuration);

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseStaticFiles();
app.UseCors();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();

app.MapHealth();
app.MapSdk();
app.MapOpenApi();
app.MapIngest();
app.MapEvents();
app.MapEventTypes();
app.MapUsers();
app.MapCampaigns();
app.MapSegments();
app.MapSystemEvents();
app.MapInbox();
app.MapMessagesHub();
app.MapDemoStore();
app.MapAccount();
app.MapConsole();
app.MapBench();

app.Run();

/// <summary>The entry point; public so integration tests can host it.</summary>
public partial class Program;
