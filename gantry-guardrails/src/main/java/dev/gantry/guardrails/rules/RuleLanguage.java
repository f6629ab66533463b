package dev.gantry.guardrails.rules;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The expression language of business rules: CEL with the string extensions, heterogeneous number
 * comparison ({@code json.amount > 500} whether the amount is written 600 or 600.0), and {@code
 * find_all(text, regex)}, which returns every match (RE2/J, at most {@value #MAX_MATCHES}).
 * Variables: {@code text} (string), {@code json} (the text parsed as JSON, {@code {}} when it is
 * not JSON), {@code is_json} (bool), {@code request} (map: route, tenant, customer, tags, metadata,
 * phase, role) and {@code data} (the check's configured values). Every condition must be a bool.
 * Shared and thread-safe.
 */
public final class RuleLanguage {
  /** Most matches {@code find_all} returns. */
  static final int MAX_MATCHES = 1000;

  /** Largest compiled regular expression accepted, in RE2/J program instructions. */
  static final int MAX_REGEX_PROGRAM = 2000;

  private static final CelOptions OPTIONS =
      CelOptions.current()
          .enableHeterogeneousNumericComparisons(true)
          .maxRegexProgramSize(MAX_REGEX_PROGRAM)
          .comprehensionMaxIterations(100_000)
          .build();

  private static final CelCompiler COMPILER =
      CelCompilerFactory.standardCelCompilerBuilder()
          .setOptions(OPTIONS)
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
          .addLibraries(CelExtensions.strings())
          .addVar("text", SimpleType.STRING)
          .addVar("json", SimpleType.DYN)
          .addVar("is_json", SimpleType.BOOL)
          .addVar("request", MapType.create(SimpleType.STRING, SimpleType.DYN))
          .addVar("data", SimpleType.DYN)
          .addFunctionDeclarations(
              CelFunctionDecl.newFunctionDeclaration(
                  "find_all",
                  CelOverloadDecl.newGlobalOverload(
                      "find_all_string_string",
                      ListType.create(SimpleType.STRING),
                      SimpleType.STRING,
                      SimpleType.STRING)))
          .setResultType(SimpleType.BOOL)
          .build();

  private static final CelRuntime RUNTIME =
      CelRuntimeFactory.standardCelRuntimeBuilder()
          .setOptions(OPTIONS)
          .addLibraries(CelExtensions.strings())
          .addFunctionBindings(
              CelFunctionBinding.from(
                  "find_all_string_string", String.class, String.class, RuleLanguage::findAll))
          .build();

  private RuleLanguage() {}

  /** A condition that did not compile: where and why, 1-based. */
  public record Problem(int line, int column, String message) {
    @Override
    public String toString() {
      return "line " + line + ", column " + column + ": " + message;
    }
  }

  /** Thrown by {@link #compile} with every problem of the condition. */
  public static final class CompileException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    CompileException(List<Problem> problems) {
      super(problems.toString());
      this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
      return problems;
    }
  }

  /** Compiles a condition to a program that is evaluated many times. */
  public static CelRuntime.Program compile(String condition) throws CompileException {
    CelValidationResult result = COMPILER.compile(condition);
    try {
      if (result.hasError()) {
        throw new CompileException(problems(result.getAllIssues()));
      }
      return RUNTIME.createProgram(result.getAst());
    } catch (CelValidationException e) {
      throw new CompileException(problems(e.getErrors()));
    } catch (CelEvaluationException e) {
      throw new CompileException(List.of(new Problem(1, 1, e.getMessage())));
    }
  }

  private static List<Problem> problems(List<CelIssue> issues) {
    List<Problem> out = new ArrayList<>();
    for (CelIssue i : issues) {
      if (i.getSeverity() != CelIssue.Severity.ERROR) {
        continue;
      }
      int line = Math.max(1, i.getSourceLocation().getLine());
      int column = Math.max(0, i.getSourceLocation().getColumn()) + 1;
      out.add(new Problem(line, column, i.getMessage()));
    }
    if (out.isEmpty()) {
      out.add(new Problem(1, 1, "the condition does not compile"));
    }
    return out;
  }

  static List<String> findAll(String text, String regex) throws CelEvaluationException {
    Pattern p;
    try {
      p = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new CelEvaluationException("find_all: invalid regular expression: " + e.getMessage());
    }
    if (p.programSize() > MAX_REGEX_PROGRAM) {
      throw new CelEvaluationException("find_all: the regular expression is too large");
    }
    List<String> out = new ArrayList<>();
    Matcher m = p.matcher(text);
    while (m.find() && out.size() < MAX_MATCHES) {
      out.add(m.group());
    }
    return out;
  }
}
