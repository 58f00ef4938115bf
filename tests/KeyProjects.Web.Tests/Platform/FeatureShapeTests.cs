using System.Reflection;
using System.Reflection.Emit;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KeyProjects.Web.Tests.Platform;

/// <summary>
/// One shape per feature: each folder under Features/ plugs in by its own XSetup.AddX and XSetup.MapX, which Program.cs
/// calls by name; and no two features depend on each other in a circle (the later one depends on the earlier). The
/// references are read from the compiled assembly — signatures and every type, method and field a method body names — so
/// a partly qualified name (<c>Meetings.MeetingTaskService</c>) or a Razor component counts as well as a using line.
/// </summary>
public sealed class FeatureShapeTests
{
    private const string FeaturePrefix = "KeyProjects.Web.Features.";
    private static readonly Assembly Web = typeof(Program).Assembly;

    private static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KeyProjects.slnx"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Repository root not found.");
        }
    }

    private static string FeaturesFolder => Path.Combine(RepositoryRoot, "src", "KeyProjects.Web", "Features");

    private static IReadOnlyList<string> FeatureFolders =>
        Directory.GetDirectories(FeaturesFolder).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void EveryFeatureFolder_HasASetupWithAddAndMap_AndProgramCallsBoth()
    {
        var program = File.ReadAllText(Path.Combine(RepositoryRoot, "src", "KeyProjects.Web", "Program.cs"));
        var missing = new List<string>();
        FeatureFolders.Count.ShouldBeGreaterThan(10);
        foreach (var feature in FeatureFolders)
        {
            var setup = $"{feature}Setup";
            if (!File.Exists(Path.Combine(FeaturesFolder, feature, setup + ".cs"))) missing.Add($"Features/{feature}/{setup}.cs does not exist");
            var type = Web.GetType($"{FeaturePrefix}{feature}.{setup}");
            if (type is null)
            {
                missing.Add($"no type {FeaturePrefix}{feature}.{setup}");
                continue;
            }
            if (!IsExtension(type, $"Add{feature}", typeof(IServiceCollection)))
                missing.Add($"{setup} has no public static IServiceCollection Add{feature}(this IServiceCollection services, …)");
            if (!IsExtension(type, $"Map{feature}", typeof(IEndpointRouteBuilder)))
                missing.Add($"{setup} has no public static IEndpointRouteBuilder Map{feature}(this IEndpointRouteBuilder app)");
            if (!program.Contains($".Add{feature}(", StringComparison.Ordinal)) missing.Add($"Program.cs does not call Add{feature}");
            if (!program.Contains($".Map{feature}(", StringComparison.Ordinal)) missing.Add($"Program.cs does not call Map{feature}");
        }
        missing.ShouldBeEmpty(string.Join("\n", missing));
    }

    private static bool IsExtension(Type type, string name, Type target) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Static).Any(m => m.Name == name && m.ReturnType == target
            && m.GetParameters() is [var first, ..] && first.ParameterType == target && m.IsDefined(typeof(System.Runtime.CompilerServices.ExtensionAttribute)));

    [Fact]
    public void NoTwoFeatures_DependOnEachOtherInACircle()
    {
        var edges = FeatureReferences();
        edges.Keys.Count.ShouldBeGreaterThan(10);
        var cycles = new List<string>();
        foreach (var component in StronglyConnected(edges).Where(c => c.Count > 1))
        {
            var inside = component.ToHashSet();
            var lines = component.SelectMany(from => edges[from].Where(e => inside.Contains(e.Key))
                .Select(e => $"  {from} -> {e.Key}: {e.Value}"));
            cycles.Add($"{string.Join(", ", component)} depend on each other:\n{string.Join("\n", lines)}");
        }
        cycles.ShouldBeEmpty(string.Join("\n", cycles));
    }

    /// <summary>The self-test: the reader sees a reference made only inside a method body.</summary>
    [Fact]
    public void TheReferenceReader_SeesWhatAMethodBodyNames()
    {
        var seen = new HashSet<Type>();
        ReadBody(typeof(FeatureShapeTests).GetMethod(nameof(Sample), BindingFlags.NonPublic | BindingFlags.Static)!, seen);
        seen.ShouldContain(typeof(System.Text.StringBuilder));
        seen.ShouldContain(typeof(Uri));
    }

    private static int Sample() => new System.Text.StringBuilder().Append(Uri.SchemeDelimiter).Length;

    /// <summary>For each feature, the features its types name, each with one example.</summary>
    private static Dictionary<string, Dictionary<string, string>> FeatureReferences()
    {
        var edges = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var type in Web.GetTypes())
        {
            if (FeatureOf(type) is not { } from) continue;
            if (!edges.TryGetValue(from, out var targets)) edges[from] = targets = new(StringComparer.Ordinal);
            foreach (var (referenced, where) in References(type))
            {
                foreach (var to in FeaturesIn(referenced))
                    if (to != from) targets.TryAdd(to, $"{type.FullName} {where} names {referenced.FullName ?? referenced.Name}");
            }
        }
        return edges;
    }

    private static string? FeatureOf(Type t)
    {
        var ns = t.Namespace;
        if (ns is null || !ns.StartsWith(FeaturePrefix, StringComparison.Ordinal)) return null;
        var rest = ns[FeaturePrefix.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }

    private static IEnumerable<string> FeaturesIn(Type t)
    {
        if (t.HasElementType) return FeaturesIn(t.GetElementType()!);
        var own = FeatureOf(t) is { } f ? [f] : Enumerable.Empty<string>();
        return t.IsGenericType && !t.IsGenericTypeDefinition ? own.Concat(t.GetGenericArguments().SelectMany(FeaturesIn)) : own;
    }

    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static IEnumerable<(Type Type, string Where)> References(Type type)
    {
        if (type.BaseType is { } b) yield return (b, "derives from");
        foreach (var i in type.GetInterfaces()) yield return (i, "implements");
        foreach (var f in type.GetFields(Declared)) yield return (f.FieldType, $"field {f.Name}");
        foreach (var p in type.GetProperties(Declared)) yield return (p.PropertyType, $"property {p.Name}");
        foreach (var m in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            if (m is MethodInfo mi) yield return (mi.ReturnType, $"{m.Name} returns");
            foreach (var p in m.GetParameters()) yield return (p.ParameterType, $"{m.Name}({p.Name})");
            var body = new HashSet<Type>();
            ReadBody(m, body);
            foreach (var t in body) yield return (t, $"{m.Name} body");
        }
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).ToDictionary(o => o.Value);

    /// <summary>Every type a method body names: in type, field and method tokens, with their declaring types and generic arguments.</summary>
    private static void ReadBody(MethodBase method, HashSet<Type> seen)
    {
        byte[]? il;
        try { il = method.GetMethodBody()?.GetILAsByteArray(); }
        catch (Exception e) when (e is InvalidOperationException or NotSupportedException) { return; }
        if (il is null) return;
        var typeArgs = method.DeclaringType is { IsGenericType: true } d ? d.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var i = 0; i < il.Length;)
        {
            short value = il[i++];
            if (value == 0xFE) value = (short)(0xFE00 | il[i++]);
            var op = OpCodesByValue[value];
            switch (op.OperandType)
            {
                case OperandType.InlineNone: break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar: i += 1; break;
                case OperandType.InlineVar: i += 2; break;
                case OperandType.InlineI8 or OperandType.InlineR: i += 8; break;
                case OperandType.InlineSwitch: i += 4 + 4 * BitConverter.ToInt32(il, i); break;
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    var token = BitConverter.ToInt32(il, i);
                    i += 4;
                    MemberInfo? member;
                    try { member = method.Module.ResolveMember(token, typeArgs, methodArgs); }
                    catch (ArgumentException) { member = null; }
                    switch (member)
                    {
                        case Type t: seen.Add(t); break;
                        case FieldInfo f:
                            if (f.DeclaringType is { } fd) seen.Add(fd);
                            seen.Add(f.FieldType);
                            break;
                        case MethodBase m:
                            if (m.DeclaringType is { } md) seen.Add(md);
                            if (m is MethodInfo { IsGenericMethod: true } g) foreach (var a in g.GetGenericArguments()) seen.Add(a);
                            break;
                    }
                    break;
                default: i += 4; break; // InlineBrTarget, InlineI, InlineSig, InlineString, ShortInlineR
            }
        }
    }

    /// <summary>Tarjan's strongly connected components.</summary>
    private static List<List<string>> StronglyConnected(Dictionary<string, Dictionary<string, string>> edges)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<List<string>>();
        var next = 0;
        void Visit(string v)
        {
            index[v] = low[v] = next++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in edges.TryGetValue(v, out var targets) ? targets.Keys.ToList() : [])
            {
                if (!index.ContainsKey(w)) { Visit(w); low[v] = Math.Min(low[v], low[w]); }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], index[w]);
            }
            if (low[v] != index[v]) return;
            var component = new List<string>();
            string x;
            do { x = stack.Pop(); onStack.Remove(x); component.Add(x); } while (x != v);
            component.Sort(StringComparer.Ordinal);
            result.Add(component);
        }
        foreach (var v in edges.Keys.Order(StringComparer.Ordinal)) if (!index.ContainsKey(v)) Visit(v);
        return result;
    }
}
