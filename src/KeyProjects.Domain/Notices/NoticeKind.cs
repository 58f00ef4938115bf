namespace KeyProjects.Domain.Notices;

/// <summary>
/// What a notice is about. The text is not stored: the kind and its arguments are, and the reader's language decides
/// the words (keys <c>Notice.{Kind}.Title</c> and <c>Notice.{Kind}.Body</c>, placeholders {0}, {1}… = the arguments in order).
/// </summary>
public enum NoticeKind
{
    /// <summary>A problem was assigned to the recipient's unit. Args: problem title, project name, due date.</summary>
    ProblemAssigned = 1,
    /// <summary>Args: problem title, project name, due date.</summary>
    ProblemDueSoon = 2,
    /// <summary>Args: problem title, project name, due date (办理时限), working days overdue.</summary>
    ProblemOverdue = 3,
    /// <summary>Args: problem title, project name, new level (number), deadline at that level.</summary>
    ProblemEscalated = 4,
    /// <summary>Args: problem title, project name, who answered.</summary>
    ProblemAnswered = 5,
    /// <summary>Args: task title, due date.</summary>
    TaskDueSoon = 6,
    /// <summary>Args: task title, due date, days overdue.</summary>
    TaskOverdue = 7,
    /// <summary>Args: leader name, month (yyyy-MM), visits still owed.</summary>
    VisitShortfall = 8,
}

/// <summary>How a user wants notices by e-mail, besides the in-app inbox.</summary>
public enum EmailMode
{
    None = 0,
    /// <summary>One e-mail per notice, within a minute or so.</summary>
    Immediate = 1,
    /// <summary>One e-mail a day, at the user's time, listing what came since the last one.</summary>
    Digest = 2,
}
