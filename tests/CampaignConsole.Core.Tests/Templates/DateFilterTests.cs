using CampaignConsole.Core.Templates;
using Microsoft.Extensions.Time.Testing;
using static CampaignConsole.Core.Tests.Templates.TestRenderer;

namespace CampaignConsole.Core.Tests.Templates;

/// <summary>Expected outputs from Shopify's Liquid reference and Liquid's own filter tests (Ruby strftime).</summary>
public class DateFilterTests
{
    [Theory]
    [InlineData("{{ \"March 14, 2016\" | date: \"%b %d, %y\" }}", "Mar 14, 16")]
    [InlineData("{{ \"2015-07-17\" | date: \"%a, %b %d, %y\" }}", "Fri, Jul 17, 15")]
    [InlineData("{{ \"2015-07-17\" | date: \"%Y\" }}", "2015")]
    [InlineData("{{ \"2006-07-05 10:00:00\" | date: \"%B\" }}", "July")]
    [InlineData("{{ \"2006-07-05 10:00:00\" | date: \"%m/%d/%Y\" }}", "07/05/2006")]
    [InlineData("{{ 1152098955 | date: \"%m/%d/%Y\" }}", "07/05/2006")]
    [InlineData("{{ \"1152098955\" | date: \"%m/%d/%Y\" }}", "07/05/2006")]
    public void Date_formats_like_Shopify(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }

    [Fact]
    public void Event_timestamp_formats_with_strftime()
    {
        var model = Event("""{"at":"2024-03-05T14:07:09Z"}""");

        Assert.Equal("2024-03-05 14:07", Render("{{ Event.at | date: \"%Y-%m-%d %H:%M\" }}", model));
    }

    [Fact]
    public void Now_comes_from_the_injected_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 3, 5, 14, 7, 9, TimeSpan.Zero));

        Assert.Equal("2024-03-05 14:07 2024", Render("{{ \"now\" | date: \"%Y-%m-%d %H:%M\" }} {{ 'today' | date: '%Y' }}", clock: clock));
    }

    [Theory]
    [InlineData("%Y-%m-%dT%H:%M:%S", "2024-03-05T14:07:09")]
    [InlineData("%-d/%-m/%y", "5/3/24")]
    [InlineData("[%e] %j %k", "[ 5] 065 14")]
    [InlineData("%I:%M %p %P %l", "02:07 PM pm  2")]
    [InlineData("%A %a %^a %B %b %^B %h", "Tuesday Tue TUE March Mar MARCH Mar")]
    [InlineData("%s", "1709647629")]
    [InlineData("%z %:z %Z", "+0000 +00:00 UTC")]
    [InlineData("%u %w %U %W %V %G", "2 2 09 10 10 2024")]
    [InlineData("%F %T %D %R", "2024-03-05 14:07:09 03/05/24 14:07")]
    [InlineData("%c", "Tue Mar  5 14:07:09 2024")]
    [InlineData("%L %3N %%", "250 250 %")]
    [InlineData("%_m|%05d|%10A|%-H", " 3|00005|   Tuesday|14")]
    [InlineData("%Q %", "%Q %")]
    public void Strftime_directives_match_Ruby(string format, string expected)
    {
        var time = new DateTimeOffset(2024, 3, 5, 14, 7, 9, 250, TimeSpan.Zero);

        Assert.Equal(expected, Strftime.Format(time, format));
    }

    [Fact]
    public void An_explicit_offset_is_kept()
    {
        Assert.Equal("14:07 +0200 ", Render("{{ \"2024-03-05T14:07:09+02:00\" | date: \"%H:%M %z %Z\" }}"));
    }

    [Fact]
    public void Iso_week_dates_use_the_week_based_year()
    {
        var time = new DateTimeOffset(2021, 1, 3, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal("01 00 53 2020 20 7 0", Strftime.Format(time, "%U %W %V %G %g %u %w"));
    }

    [Theory]
    [InlineData("{{ \"not a date\" | date: \"%Y\" }}", "not a date")]
    [InlineData("{{ \"\" | date: \"%Y\" }}", "")]
    [InlineData("{{ nil | date: \"%Y\" }}", "")]
    [InlineData("{{ \"2006-07-05 10:00:00\" | date: \"\" }}", "2006-07-05 10:00:00")]
    public void Input_that_is_not_a_date_comes_back_unchanged(string template, string expected)
    {
        Assert.Equal(expected, Render(template));
    }
}
