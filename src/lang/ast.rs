//! The abstract syntax tree of the PowerShell subset.
//!
//! Every node carries the [`Span`] of source it came from, so that errors raised while
//! evaluating can point at the offending token (`At line:N char:M` and the `~~~` caret).
//! The tree knows nothing of Lync or of cmdlets: a command is a name and its elements.

use std::rc::Rc;

/// Byte offsets `[start, end)` into the source text that was parsed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A whole script, a function body or a `{ … }` literal.
#[derive(Clone, Debug, PartialEq)]
pub struct ScriptBlock {
    /// `[CmdletBinding(…)]` and other attributes written before `param(…)`.
    pub attributes: Vec<Attribute>,
    pub param_block: Option<ParamBlock>,
    /// `begin { }` / `process { }` / `end { }`; a body without named blocks is all `end`.
    pub begin: Option<Vec<Statement>>,
    pub process: Option<Vec<Statement>>,
    pub end: Vec<Statement>,
    pub span: Span,
    /// The source text of the block (without the braces), for `ToString()` and display.
    pub text: Rc<str>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ParamBlock {
    pub params: Vec<ParamDecl>,
    pub span: Span,
}

/// One parameter of a `param(…)` block or of `function f($a, $b)`.
#[derive(Clone, Debug, PartialEq)]
pub struct ParamDecl {
    pub name: String,
    /// `[int]`, `[string[]]`, `[switch]`, … written before the variable.
    pub type_name: Option<TypeName>,
    /// `[Parameter(Mandatory)]`, `[Alias('x')]`, `[ValidateSet('a','b')]`, …
    pub attributes: Vec<Attribute>,
    pub default: Option<Expr>,
    pub span: Span,
}

/// `[Name(positional, Named = value)]`.
#[derive(Clone, Debug, PartialEq)]
pub struct Attribute {
    pub name: String,
    pub positional: Vec<Expr>,
    /// `Mandatory` alone is `("Mandatory", None)`.
    pub named: Vec<(String, Option<Expr>)>,
    pub span: Span,
}

/// A type as written inside brackets: `int`, `string[]`, `System.Int32`, `pscustomobject`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeName {
    pub name: String,
    pub is_array: bool,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Statement {
    /// A pipeline; a plain expression is a one-element pipeline.
    Pipeline(Pipeline),
    /// `$x = …`, `$x += …`, `$a.b = …`, `$a[0] = …`.
    Assignment {
        target: Expr,
        op: AssignOp,
        value: Box<Statement>,
        span: Span,
    },
    If {
        /// `if (cond) { }` followed by every `elseif (cond) { }`.
        clauses: Vec<(Pipeline, Vec<Statement>)>,
        else_body: Option<Vec<Statement>>,
        span: Span,
    },
    Foreach {
        variable: String,
        collection: Pipeline,
        body: Vec<Statement>,
        label: Option<String>,
        span: Span,
    },
    For {
        init: Option<Box<Statement>>,
        condition: Option<Pipeline>,
        step: Option<Box<Statement>>,
        body: Vec<Statement>,
        label: Option<String>,
        span: Span,
    },
    While {
        condition: Pipeline,
        body: Vec<Statement>,
        label: Option<String>,
        span: Span,
    },
    /// `do { } while (…)` (`until == false`) or `do { } until (…)`.
    DoLoop {
        body: Vec<Statement>,
        condition: Pipeline,
        until: bool,
        label: Option<String>,
        span: Span,
    },
    Switch {
        subject: Pipeline,
        /// `-Wildcard`, `-Regex`, `-Exact`, `-CaseSensitive` as written.
        flags: Vec<String>,
        /// `pattern { body }`; the pattern is an expression or a script block.
        clauses: Vec<(Expr, Vec<Statement>)>,
        default: Option<Vec<Statement>>,
        label: Option<String>,
        span: Span,
    },
    Function {
        name: String,
        /// `function f($a, $b) { }` parameters, when written that way.
        params: Option<ParamBlock>,
        body: Rc<ScriptBlock>,
        span: Span,
    },
    Try {
        body: Vec<Statement>,
        catches: Vec<CatchClause>,
        finally: Option<Vec<Statement>>,
        span: Span,
    },
    Trap {
        type_name: Option<TypeName>,
        body: Vec<Statement>,
        span: Span,
    },
    /// `return`, `exit`, `throw`, `break`, `continue` with their optional operand.
    Flow {
        kind: FlowKind,
        value: Option<Pipeline>,
        span: Span,
    },
    /// A nested `{ }` statement block is not valid PowerShell at statement level;
    /// dot-sourcing (`. .\file.ps1`) and calls (`& $sb`) are ordinary commands.
    Empty { span: Span },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowKind {
    Return,
    Exit,
    Throw,
    Break,
    Continue,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CatchClause {
    /// `catch [System.Exception] { }`; empty means every error.
    pub types: Vec<TypeName>,
    pub body: Vec<Statement>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssignOp {
    Assign,
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Pipeline {
    pub elements: Vec<PipelineElement>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PipelineElement {
    Command(Command),
    /// Only valid as the first element: `$x | Set-Foo`, `(1,2) | …`.
    Expression(Expr),
}

/// A command invocation in argument mode: `Set-CsWebServer –Identity x -Port 5086`.
#[derive(Clone, Debug, PartialEq)]
pub struct Command {
    pub name: CommandName,
    pub invocation: InvocationOperator,
    pub elements: Vec<CommandElement>,
    pub redirections: Vec<Redirection>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum CommandName {
    /// The usual case: a bareword such as `Get-CsService` or `.\helpers.ps1`.
    Bare { name: String, span: Span },
    /// After `&` or `.`: a string, a variable or a script block.
    Expr(Box<Expr>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvocationOperator {
    None,
    /// `& cmd` runs in a child scope.
    Call,
    /// `. cmd` runs in the caller's scope.
    DotSource,
}

#[derive(Clone, Debug, PartialEq)]
pub enum CommandElement {
    /// `-Name`, `–Name`, `-Name:value` (`argument` holds the colon form's value).
    /// `name` is without the dash; `span` covers the parameter token itself.
    Parameter {
        name: String,
        argument: Option<Expr>,
        span: Span,
    },
    /// Any other element: a bareword, a string, a number, `(…)`, `$x`, `a,b,c`, `@splat`.
    Argument(Expr),
    /// `--`: every element after it is positional.
    EndOfParameters { span: Span },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Redirection {
    /// 1 = output, 2 = error, 0 = all (`*>`).
    pub stream: u8,
    pub append: bool,
    /// `2>&1` merges into output rather than a file.
    pub target: RedirectionTarget,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum RedirectionTarget {
    File(Expr),
    MergeIntoOutput,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Expr {
    /// `$null`, `$true`, `$false` are [`Expr::Variable`]; this is for numbers.
    Number {
        value: Number,
        /// The literal as written (`10MB`), kept because command-mode numbers print as typed.
        text: String,
        span: Span,
    },
    /// `'verbatim'`, a command-mode bareword, or a here-string `@'…'@`.
    String {
        value: String,
        kind: StringKind,
        span: Span,
    },
    /// `"text $var $(…)"` or `@"…"@`: the parts are concatenated at evaluation.
    Expandable {
        parts: Vec<StringPart>,
        span: Span,
    },
    Variable(VariableRef),
    /// `@name`: splatting in command mode.
    Splat(VariableRef),
    /// `a, b, c` (the comma operator).
    ArrayLiteral {
        items: Vec<Expr>,
        span: Span,
    },
    /// `@( … )`.
    ArraySubexpression {
        body: Vec<Statement>,
        span: Span,
    },
    /// `$( … )`.
    Subexpression {
        body: Vec<Statement>,
        span: Span,
    },
    /// `( … )`: one pipeline or assignment.
    Paren {
        body: Box<Statement>,
        span: Span,
    },
    /// `@{ k = v; … }`; `ordered` when written `[ordered]@{ }`.
    Hashtable {
        entries: Vec<(Expr, Statement)>,
        span: Span,
    },
    ScriptBlock(Rc<ScriptBlock>),
    /// `$x.Name`, `$x.$dyn`, `[type]::Member` (`is_static`).
    Member {
        target: Box<Expr>,
        member: Box<Expr>,
        is_static: bool,
        span: Span,
    },
    /// `$x.Method(args)`, `[type]::Method(args)`.
    MethodCall {
        target: Box<Expr>,
        method: String,
        args: Vec<Expr>,
        is_static: bool,
        span: Span,
    },
    /// `$x[0]`, `$h['key']`, `$a[1,2]`.
    Index {
        target: Box<Expr>,
        index: Box<Expr>,
        span: Span,
    },
    Unary {
        op: UnaryOp,
        operand: Box<Expr>,
        span: Span,
    },
    Binary {
        op: BinaryOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
        span: Span,
    },
    /// `[int]$x`, `[pscustomobject]@{…}`, `[ordered]@{…}`.
    Cast {
        type_name: TypeName,
        operand: Box<Expr>,
        span: Span,
    },
    /// A bare `[type]` (e.g. the right side of `-is`, or before `::`).
    TypeLiteral(TypeName),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    Int(i64),
    Double(f64),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StringKind {
    SingleQuoted,
    DoubleQuoted,
    /// An unquoted command-mode argument such as `Web-Server` or `lyncserver.jacobs.local`.
    Bare,
    HereSingle,
    HereDouble,
}

#[derive(Clone, Debug, PartialEq)]
pub enum StringPart {
    Literal(String),
    /// `$name`, `${name}`, `$env:X` inside a double-quoted string.
    Variable(VariableRef),
    /// `$( … )` inside a double-quoted string.
    Subexpression {
        body: Vec<Statement>,
        span: Span,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VariableRef {
    /// `global`, `script`, `local`, `private`, `env`, … when written `$scope:name`.
    pub scope: Option<String>,
    pub name: String,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnaryOp {
    Not,
    Negate,
    Plus,
    BitNot,
    /// `,x`: a one-element array.
    Comma,
    PreIncrement,
    PreDecrement,
    PostIncrement,
    PostDecrement,
    /// `-split x` / `-join x` in unary form.
    Split,
    Join,
}

/// Binary operators. Comparison operators carry their case mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinaryOp {
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
    Range,
    Format,
    And,
    Or,
    Xor,
    BitAnd,
    BitOr,
    BitXor,
    ShiftLeft,
    ShiftRight,
    Is,
    IsNot,
    As,
    Compare(CompareOp, Case),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    Like,
    NotLike,
    Match,
    NotMatch,
    Contains,
    NotContains,
    In,
    NotIn,
    Replace,
    Split,
    Join,
}

/// `-eq` / `-ieq` are case-insensitive, `-ceq` case-sensitive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    Insensitive,
    Sensitive,
}

impl Expr {
    pub fn span(&self) -> Span {
        match self {
            Expr::Number { span, .. }
            | Expr::String { span, .. }
            | Expr::Expandable { span, .. }
            | Expr::ArrayLiteral { span, .. }
            | Expr::ArraySubexpression { span, .. }
            | Expr::Subexpression { span, .. }
            | Expr::Paren { span, .. }
            | Expr::Hashtable { span, .. }
            | Expr::Member { span, .. }
            | Expr::MethodCall { span, .. }
            | Expr::Index { span, .. }
            | Expr::Unary { span, .. }
            | Expr::Binary { span, .. }
            | Expr::Cast { span, .. } => *span,
            Expr::Variable(v) | Expr::Splat(v) => v.span,
            Expr::ScriptBlock(sb) => sb.span,
            Expr::TypeLiteral(t) => t.span,
        }
    }
}

impl Statement {
    pub fn span(&self) -> Span {
        match self {
            Statement::Pipeline(p) => p.span,
            Statement::Assignment { span, .. }
            | Statement::If { span, .. }
            | Statement::Foreach { span, .. }
            | Statement::For { span, .. }
            | Statement::While { span, .. }
            | Statement::DoLoop { span, .. }
            | Statement::Switch { span, .. }
            | Statement::Function { span, .. }
            | Statement::Try { span, .. }
            | Statement::Trap { span, .. }
            | Statement::Flow { span, .. }
            | Statement::Empty { span } => *span,
        }
    }
}
