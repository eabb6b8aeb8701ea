using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Foreman.Tests.Architecture;

/// <summary>One type's use of another module's type: <c>Foreman.Models.X</c> uses <c>Foreman.Alignment.Y</c>.</summary>
public sealed record ModuleReference(string FromModule, string FromType, string ToModule, string ToType)
{
    public override string ToString() => $"{FromModule} → {ToModule}: {FromType} uses {ToType}";
}

/// <summary>
/// Reads a compiled assembly and lists every reference from a type in one module (the folder under <c>src/Foreman</c>,
/// which is the namespace's second part) to a type in another: signatures, attributes, locals and method bodies, so a
/// fully qualified name or a <c>using</c> alias cannot hide an arrow that the source would show.
/// </summary>
public static class ModuleReferences
{
    public const string RootModule = "(root)";

    public static IReadOnlyList<ModuleReference> Read(string assemblyPath, Func<TypeDefinition, bool>? include = null)
    {
        using var assembly = AssemblyDefinition.ReadAssembly(assemblyPath);
        var references = new HashSet<ModuleReference>();
        foreach (var type in assembly.MainModule.GetTypes())
        {
            var owner = Outermost(type);
            if (include is not null && !include(owner)) continue;
            if (ModuleOf(owner.Namespace) is not { } from) continue;
            foreach (var used in UsedBy(type))
            {
                var target = Outermost(used);
                if (ModuleOf(target.Namespace) is { } to && to != from && to != RootModule)
                    references.Add(new ModuleReference(from, owner.FullName, to, target.FullName));
            }
        }
        return references.OrderBy(r => r.ToString(), StringComparer.Ordinal).ToList();
    }

    /// <summary>The module of a namespace: <c>Foreman.Api.Access</c> → <c>Api</c>; <c>Foreman</c> or none → the root; other code → null.</summary>
    public static string? ModuleOf(string @namespace) =>
        @namespace is "" or "Foreman" ? RootModule
        : @namespace.StartsWith("Foreman.", StringComparison.Ordinal) ? @namespace.Split('.')[1]
        : null;

    // A nested type belongs where its outermost type is (a definition's declaring type is a definition too).
    private static T Outermost<T>(T type) where T : TypeReference
    {
        while (type.DeclaringType is not null) type = (T)type.DeclaringType;
        return type;
    }

    private static IEnumerable<TypeReference> UsedBy(TypeDefinition type)
    {
        var used = new List<TypeReference>();
        if (type.BaseType is not null) used.Add(type.BaseType);
        used.AddRange(type.Interfaces.Select(i => i.InterfaceType));
        used.AddRange(Attributes(type));
        used.AddRange(type.GenericParameters.SelectMany(p => p.Constraints.Select(c => c.ConstraintType)));
        foreach (var field in type.Fields)
        {
            used.Add(field.FieldType);
            used.AddRange(Attributes(field));
        }
        foreach (var property in type.Properties)
        {
            used.Add(property.PropertyType);
            used.AddRange(Attributes(property));
        }
        foreach (var @event in type.Events) used.Add(@event.EventType);
        foreach (var method in type.Methods)
        {
            used.AddRange(Signature(method));
            used.AddRange(Attributes(method));
            used.AddRange(method.Parameters.SelectMany(Attributes));
            if (!method.HasBody) continue;
            used.AddRange(method.Body.Variables.Select(v => v.VariableType));
            foreach (var instruction in method.Body.Instructions) used.AddRange(Operand(instruction));
        }
        return used.SelectMany(Flatten);
    }

    private static IEnumerable<TypeReference> Operand(Instruction instruction) => instruction.Operand switch
    {
        TypeReference type => [type],
        MethodReference method => Signature(method).Append(method.DeclaringType)
            .Concat(method is GenericInstanceMethod generic ? generic.GenericArguments : []),
        FieldReference field => [field.DeclaringType, field.FieldType],
        _ => [],
    };

    private static IEnumerable<TypeReference> Signature(MethodReference method) =>
        method.Parameters.Select(p => p.ParameterType).Append(method.ReturnType);

    private static IEnumerable<TypeReference> Attributes(ICustomAttributeProvider provider) =>
        provider.CustomAttributes.SelectMany(a => a.ConstructorArguments.Concat(a.Properties.Select(p => p.Argument))
            .Select(argument => argument.Value).OfType<TypeReference>().Append(a.AttributeType));

    private static IEnumerable<TypeReference> Attributes(ParameterDefinition parameter) => Attributes((ICustomAttributeProvider)parameter);

    // Arrays, by-refs, pointers and generic instances name the types they are built from.
    private static IEnumerable<TypeReference> Flatten(TypeReference type) => type switch
    {
        GenericInstanceType generic => Flatten(generic.ElementType).Concat(generic.GenericArguments.SelectMany(Flatten)),
        TypeSpecification specification => Flatten(specification.ElementType),
        GenericParameter => [],
        _ => [type],
    };
}
