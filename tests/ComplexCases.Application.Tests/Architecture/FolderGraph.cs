using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ComplexCases.Application.Tests.Architecture;

/// <summary>
/// Which feature folder of an assembly uses which, read from the compiled IL with Mono.Cecil: base types, interfaces,
/// attributes, fields, properties, events, method signatures, locals and every type, method or field a method body names.
/// A type's folder is the namespace segment after <c>prefix</c> (for nested and compiler-made types, that of the type they
/// sit in), so lambdas, iterators and async state machines count for the type that wrote them. Types outside a folder (the
/// project's root namespace, other assemblies) belong to none and make no edge.
/// </summary>
internal sealed class FolderGraph
{
    private readonly string _prefix;
    private readonly Dictionary<string, Dictionary<string, string>> _edges = new(StringComparer.Ordinal);

    private FolderGraph(string prefix) => _prefix = prefix;

    /// <summary>Folder → folders it uses, each with one example ("Type uses Type") to show in a failure.</summary>
    public IReadOnlyDictionary<string, Dictionary<string, string>> Edges => _edges;

    public IEnumerable<string> Folders => _edges.Keys.Concat(_edges.Values.SelectMany(e => e.Keys)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);

    public static FolderGraph Read(string assemblyPath, string rootNamespace)
    {
        var graph = new FolderGraph(rootNamespace + ".");
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath);
        foreach (var type in assembly.MainModule.GetTypes()) graph.Visit(type);
        return graph;
    }

    public bool Uses(string from, string to) => _edges.TryGetValue(from, out var targets) && targets.ContainsKey(to);

    private void Visit(TypeDefinition type)
    {
        if (FolderOf(type) is not { } folder) return;
        var owner = Outermost(type).FullName;
        void Use(TypeReference? used)
        {
            foreach (var t in Parts(used))
            {
                if (FolderOf(t) is not { } target || target == folder) continue;
                if (!_edges.TryGetValue(folder, out var targets)) _edges[folder] = targets = new(StringComparer.Ordinal);
                targets.TryAdd(target, $"{owner} uses {Outermost(t).FullName}");
            }
        }
        void UseAttributes(ICustomAttributeProvider provider)
        {
            foreach (var attribute in provider.CustomAttributes) Use(attribute.AttributeType);
        }

        Use(type.BaseType);
        UseAttributes(type);
        foreach (var i in type.Interfaces) Use(i.InterfaceType);
        foreach (var f in type.Fields) { Use(f.FieldType); UseAttributes(f); }
        foreach (var p in type.Properties) { Use(p.PropertyType); UseAttributes(p); }
        foreach (var e in type.Events) Use(e.EventType);
        foreach (var m in type.Methods)
        {
            UseAttributes(m);
            Use(m.ReturnType);
            foreach (var p in m.Parameters) Use(p.ParameterType);
            foreach (var g in m.GenericParameters) foreach (var c in g.Constraints) Use(c.ConstraintType);
            if (!m.HasBody) continue;
            foreach (var v in m.Body.Variables) Use(v.VariableType);
            foreach (var instruction in m.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        Use(t);
                        break;
                    case MethodReference called:
                        Use(called.DeclaringType);
                        Use(called.ReturnType);
                        foreach (var p in called.Parameters) Use(p.ParameterType);
                        if (called is GenericInstanceMethod generic) foreach (var a in generic.GenericArguments) Use(a);
                        break;
                    case FieldReference field:
                        Use(field.DeclaringType);
                        Use(field.FieldType);
                        break;
                    case CallSite site:
                        Use(site.ReturnType);
                        break;
                }
            }
        }
    }

    /// <summary>The type itself and every type it is built from (array elements, generic arguments, by-ref targets).</summary>
    private static IEnumerable<TypeReference> Parts(TypeReference? type)
    {
        switch (type)
        {
            case null:
            case GenericParameter:
                yield break;
            case GenericInstanceType generic:
                foreach (var part in Parts(generic.ElementType)) yield return part;
                foreach (var argument in generic.GenericArguments)
                    foreach (var part in Parts(argument)) yield return part;
                yield break;
            case TypeSpecification specification:
                foreach (var part in Parts(specification.ElementType)) yield return part;
                yield break;
            default:
                yield return type;
                yield break;
        }
    }

    private static TypeReference Outermost(TypeReference type)
    {
        while (type.DeclaringType is not null) type = type.DeclaringType;
        return type;
    }

    private string? FolderOf(TypeReference type)
    {
        var ns = Outermost(type).Namespace;
        if (!ns.StartsWith(_prefix, StringComparison.Ordinal)) return null;
        var rest = ns[_prefix.Length..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? rest : rest[..dot];
    }
}
