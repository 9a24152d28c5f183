using CampaignConsole.Core.Campaigns;

namespace CampaignConsole.Core.Tests.Campaigns;

public class QuietHoursPolicyTests
{
    private static readonly QuietHours Night = new(new TimeOnly(21, 0), new TimeOnly(9, 0), QuietAction.Delay);
    private static readonly QuietHours Lunch = new(new TimeOnly(12, 0), new TimeOnly(14, 0), QuietAction.Skip);

    private static DateTime Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(9, 0)]
    [InlineData(12, 0)]
    [InlineData(20, 59)]
    public void Outside_quiet_hours_sending_is_allowed(int hour, int minute)
    {
        Assert.Null(QuietHoursPolicy.QuietUntil(Utc(1, 15, hour, minute), Night, null));
    }

    [Fact]
    public void Quiet_hours_that_wrap_past_midnight_end_the_next_morning_when_it_is_evening()
    {
        Assert.Equal(Utc(1, 16, 9), QuietHoursPolicy.QuietUntil(Utc(1, 15, 22, 30), Night, null));
        Assert.Equal(Utc(1, 16, 9), QuietHoursPolicy.QuietUntil(Utc(1, 15, 21, 0), Night, null));
    }

    [Fact]
    public void Quiet_hours_that_wrap_past_midnight_end_the_same_morning_after_midnight()
    {
        Assert.Equal(Utc(1, 16, 9), QuietHoursPolicy.QuietUntil(Utc(1, 16, 0, 0), Night, null));
        Assert.Equal(Utc(1, 16, 9), QuietHoursPolicy.QuietUntil(Utc(1, 16, 8, 59), Night, null));
    }

    [Fact]
    public void Quiet_hours_within_one_day_end_at_their_end_that_day()
    {
        Assert.Equal(Utc(1, 15, 14), QuietHoursPolicy.QuietUntil(Utc(1, 15, 12, 30), Lunch, null));
        Assert.Null(QuietHoursPolicy.QuietUntil(Utc(1, 15, 14, 0), Lunch, null));
        Assert.Null(QuietHoursPolicy.QuietUntil(Utc(1, 15, 23, 0), Lunch, null));
    }

    [Fact]
    public void The_contacts_time_zone_decides_what_time_it_is()
    {
        // 03:00 UTC in January is 22:00 the evening before in New York (UTC-5): quiet until 09:00 there, 14:00 UTC.
        Assert.Equal(Utc(1, 15, 14), QuietHoursPolicy.QuietUntil(Utc(1, 15, 3), Night, "America/New_York"));
        // 12:00 UTC is 07:00 in New York: still quiet, although it is noon in UTC.
        Assert.Equal(Utc(1, 15, 14), QuietHoursPolicy.QuietUntil(Utc(1, 15, 12), Night, "America/New_York"));
        // 15:00 UTC is 10:00 in New York: allowed.
        Assert.Null(QuietHoursPolicy.QuietUntil(Utc(1, 15, 15), Night, "America/New_York"));
        // 20:30 UTC is 21:30 in Berlin (UTC+1): quiet until 09:00 Berlin the next day, 08:00 UTC.
        Assert.Equal(Utc(1, 16, 8), QuietHoursPolicy.QuietUntil(Utc(1, 15, 20, 30), Night, "Europe/Berlin"));
    }

    [Fact]
    public void Summer_time_shifts_the_end_in_utc()
    {
        // July: New York is UTC-4, so 09:00 there is 13:00 UTC.
        Assert.Equal(Utc(7, 15, 13), QuietHoursPolicy.QuietUntil(Utc(7, 15, 3), Night, "America/New_York"));
    }

    [Fact]
    public void An_end_in_a_daylight_saving_gap_moves_to_the_first_valid_minute()
    {
        // Berlin skips 02:00-03:00 on 29 March 2026; quiet hours ending 02:30 end at 03:00 CEST = 01:00 UTC.
        var quiet = new QuietHours(new TimeOnly(22, 0), new TimeOnly(2, 30), QuietAction.Delay);

        Assert.Equal(Utc(3, 29, 1), QuietHoursPolicy.QuietUntil(Utc(3, 28, 22), quiet, "Europe/Berlin"));
    }

    [Fact]
    public void An_unknown_or_missing_time_zone_falls_back_to_utc()
    {
        Assert.Equal(Utc(1, 16, 9), QuietHoursPolicy.QuietUntil(Utc(1, 15, 22), Night, "Mars/Olympus_Mons"));
        Assert.Null(QuietHoursPolicy.QuietUntil(Utc(1, 15, 12), Night, "Mars/Olympus_Mons"));
    }

    [Fact]
    public void Equal_from_and_to_means_no_quiet_hours()
    {
        var none = new QuietHours(new TimeOnly(9, 0), new TimeOnly(9, 0), QuietAction.Delay);

        Assert.Null(QuietHoursPolicy.QuietUntil(Utc(1, 15, 9), none, null));
        Assert.Null(QuietHoursPolicy.QuietUntil(Utc(1, 15, 3), none, null));
    }
}
