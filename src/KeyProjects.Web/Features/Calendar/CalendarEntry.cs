using KeyProjects.Domain.Calendar;
using KeyProjects.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KeyProjects.Web.Features.Calendar;

/// <summary>
/// An administrator's word on one date (放假, 调休上班, or back to ordinary), over the calendar shipped in
/// <see cref="ChineseHolidays"/>. Deleting the entry restores the shipped day.
/// </summary>
public sealed class CalendarEntry : IAudited
{
    public DateOnly Date { get; set; }
    public DayKind Kind { get; set; }
    public required string Name { get; set; }
    public required string UpdatedByName { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public int Version { get; set; } = 1;
}

public sealed class CalendarEntryConfiguration : IEntityTypeConfiguration<CalendarEntry>
{
    public const int NameMaxLength = 50;

    public void Configure(EntityTypeBuilder<CalendarEntry> b)
    {
        b.ToTable("CalendarEntries");
        b.HasKey(e => e.Date);
        b.Property(e => e.Name).HasMaxLength(NameMaxLength).IsRequired();
        b.Property(e => e.UpdatedByName).HasMaxLength(256).IsRequired();
        b.Property(e => e.Version).IsConcurrencyToken();
    }
}
