using CampaignConsole.Core.Contacts;

namespace Microsoft.Extensions.DependencyInjection;

public static class ContactsServiceCollectionExtensions
{
    /// <summary>Customer profiles and their timeline.</summary>
    public static IServiceCollection AddContacts(this IServiceCollection services)
    {
        services.AddScoped<ContactQueries>();
        services.AddScoped<TimelineQueries>();
        return services;
    }
}
