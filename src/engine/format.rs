//! Default output formatting, as Windows PowerShell 5.1's Out-Default does it (the Lync
//! Management Shell runs on 5.1): scalars one per line, objects with five or more properties
//! in list view, fewer as a table, hashtables as a Name/Value table, `$null` as nothing.
//!
//! Everything here is pure: values in, text out. The table and list renderers are also what
//! Format-Table and Format-List use, after the cmdlet has picked the properties; the .NET
//! date formatter at the end serves the display of dates and Get-Date -Format.
//!
//! Blank lines follow 5.1's formatter: a table opens with one blank line and closes with two;
//! a list opens with two, separates objects with one and closes with two.

use nu_ansi_term::{Color, Style as AnsiStyle};
use tabled::builder::Builder;
use tabled::settings::object::Columns;
use tabled::settings::{Alignment, Padding, Style};

use super::value::{civil_from_unix, Value};

/// How output is rendered: colour only on a terminal without `NO_COLOR`; `width` is the
/// number of columns lines may use before tables truncate and lists wrap.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FormatOptions {
    pub color: bool,
    pub width: usize,
}

impl Default for FormatOptions {
    /// What a redirected Windows PowerShell console uses: no colour, 120 columns.
    fn default() -> Self {
        FormatOptions {
            color: false,
            width: 120,
        }
    }
}

/// One object's properties as a view shows them: (name, value) in display order.
pub type Record = Vec<(String, Value)>;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    pub label: String,
    /// The property the cells show, when it differs from the label (Get-Command's Name
    /// column shows an alias as `ft -> Format-Table`, its DisplayName).
    pub property: Option<String>,
    pub align: Align,
    /// A fixed width from a built-in view (the hashtable's Name column is 30 wide);
    /// `None` sizes the column from its content.
    pub width: Option<usize>,
}

/// A table ready to render: column headers and the cell text of every row.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableView {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    /// Format-Table -HideTableHeaders: rows only.
    pub hide_headers: bool,
}

/// PowerShell's built-in view for hashtables gives the Name column 30 characters.
const HASHTABLE_NAME_WIDTH: usize = 30;
/// With this many properties or more an object without a view prints as a list.
const LIST_VIEW_MIN_PROPERTIES: usize = 5;
/// How a date prints on its own: `Thursday, January 12, 2012 3:04:05 PM`.
const LONG_DATE: &str = "dddd, MMMM d, yyyy h:mm:ss tt";
/// Types whose format data (Lync's *.Format.ps1xml) gives them a list view whatever their
/// property count: every Lync Server object.
const LIST_VIEW_TYPE_PREFIXES: &[&str] = &["Microsoft.Rtc."];

/// A built-in table view for a type, as PowerShell's `*.format.ps1xml` files give them:
/// the columns (label, property, fixed width, alignment) and an optional property whose
/// changes start a new group with a header line such as `   TypeName: System.String`.
/// A view with a `line` function shows each object as one line of text instead of a row
/// (Select-String's matches).
#[derive(Debug)]
struct View {
    type_names: &'static [&'static str],
    columns: &'static [(&'static str, &'static str, Option<usize>, Align)],
    group_by: Option<(&'static str, &'static str)>,
    line: Option<fn(&Record) -> String>,
}

/// A match prints as its line, or as `path:number:line` when it came from a file.
fn match_info_line(record: &Record) -> String {
    let get = |name: &str| {
        lookup(record, name)
            .map(Value::to_ps_string)
            .unwrap_or_default()
    };
    let path = get("Path");
    if path == "InputStream" || path.is_empty() {
        get("Line")
    } else {
        format!("{path}:{}:{}", get("LineNumber"), get("Line"))
    }
}

const VIEWS: &[View] = &[
    View {
        type_names: &["Microsoft.PowerShell.Commands.MatchInfo"],
        columns: &[],
        group_by: None,
        line: Some(match_info_line),
    },
    View {
        type_names: &["System.IO.FileInfo", "System.IO.DirectoryInfo"],
        columns: &[
            ("Mode", "Mode", None, Align::Left),
            ("LastWriteTime", "LastWriteTime", None, Align::Right),
            ("Length", "Length", None, Align::Right),
            ("Name", "Name", None, Align::Left),
        ],
        group_by: Some(("Directory", "    Directory")),
        line: None,
    },
    View {
        type_names: &[
            "System.Management.Automation.CommandInfo",
            "System.Management.Automation.CmdletInfo",
            "System.Management.Automation.AliasInfo",
        ],
        columns: &[
            ("CommandType", "CommandType", Some(15), Align::Left),
            ("Name", "DisplayName", Some(50), Align::Left),
            ("Version", "Version", Some(10), Align::Left),
            ("Source", "Source", None, Align::Left),
        ],
        group_by: None,
        line: None,
    },
    View {
        type_names: &["Microsoft.PowerShell.Commands.MemberDefinition"],
        columns: &[
            ("Name", "Name", None, Align::Left),
            ("MemberType", "MemberType", None, Align::Left),
            ("Definition", "Definition", None, Align::Left),
        ],
        group_by: Some(("TypeName", "   TypeName")),
        line: None,
    },
    View {
        type_names: &["Microsoft.PowerShell.Commands.GroupInfo"],
        columns: &[
            ("Count", "Count", Some(5), Align::Right),
            ("Name", "Name", None, Align::Left),
            ("Group", "Group", None, Align::Left),
        ],
        group_by: None,
        line: None,
    },
    View {
        type_names: &["Microsoft.PowerShell.Commands.GroupInfoNoElement"],
        columns: &[
            ("Count", "Count", Some(5), Align::Right),
            ("Name", "Name", None, Align::Left),
        ],
        group_by: None,
        line: None,
    },
    View {
        type_names: &["System.Management.Automation.Runspaces.PSSession"],
        columns: &[
            ("Id", "Id", Some(3), Align::Right),
            ("Name", "Name", Some(15), Align::Left),
            ("ComputerName", "ComputerName", Some(15), Align::Left),
            ("ComputerType", "ComputerType", Some(15), Align::Left),
            ("State", "State", Some(13), Align::Left),
            (
                "ConfigurationName",
                "ConfigurationName",
                Some(20),
                Align::Left,
            ),
            ("Availability", "Availability", Some(15), Align::Right),
        ],
        group_by: None,
        line: None,
    },
    View {
        type_names: &["System.Management.Automation.PSModuleInfo"],
        columns: &[
            ("ModuleType", "ModuleType", Some(10), Align::Left),
            ("Version", "Version", Some(10), Align::Left),
            ("Name", "Name", Some(35), Align::Left),
            ("ExportedCommands", "ExportedCommands", None, Align::Left),
        ],
        group_by: None,
        line: None,
    },
    View {
        type_names: &["System.Management.Automation.PSVariable"],
        columns: &[
            ("Name", "Name", Some(30), Align::Left),
            ("Value", "Value", None, Align::Left),
        ],
        group_by: None,
        line: None,
    },
];

fn view_for(value: &Value) -> Option<&'static View> {
    let Value::Object(o) = value else {
        return None;
    };
    let o = o.borrow();
    VIEWS.iter().find(|v| {
        o.type_names
            .iter()
            .any(|t| v.type_names.iter().any(|vt| vt.eq_ignore_ascii_case(t)))
    })
}

impl View {
    fn table_columns(&self) -> Vec<Column> {
        self.columns
            .iter()
            .map(|&(label, property, width, align)| Column {
                label: label.to_string(),
                property: (property != label).then(|| property.to_string()),
                align,
                width,
            })
            .collect()
    }
}

/// PowerShell's Out-Default: formats a statement's output objects into the text the host
/// prints. The first object without a built-in view fixes the view (table or list) and the
/// table columns for all such objects that follow it.
pub fn out_default(values: &[Value], opts: &FormatOptions) -> String {
    let mut out = String::new();
    let mut shapes: Vec<(String, Shape)> = Vec::new();
    let mut group: Option<Group> = None;
    for value in values.iter().flat_map(flatten) {
        match value {
            Value::Null => {}
            Value::Object(_) | Value::Hashtable(_) | Value::DateTime(_) => {
                // Objects sharing a view share a table, whatever their exact type; objects
                // without a view all continue the table (or list) the first of them chose,
                // as PowerShell shows `Select-Object` output of mixed types as one table.
                let type_name = match (view_for(value), value) {
                    (Some(view), _) => view.type_names[0].to_string(),
                    (None, Value::Object(_)) => String::new(),
                    (None, other) => other.type_name(),
                };
                let shape = match shapes.iter().find(|(t, _)| *t == type_name) {
                    Some((_, shape)) => shape.clone(),
                    None => {
                        let shape = Shape::of(value);
                        shapes.push((type_name.clone(), shape.clone()));
                        shape
                    }
                };
                if group.as_ref().is_some_and(|g| g.type_name != type_name) {
                    out.push_str(&group.take().map(|g| g.render(opts)).unwrap_or_default());
                }
                let g = group.get_or_insert_with(|| Group {
                    type_name,
                    shape,
                    records: Vec::new(),
                });
                g.add(value);
            }
            scalar => {
                if let Some(g) = group.take() {
                    out.push_str(&g.render(opts));
                }
                out.push_str(&scalar.to_ps_string());
                out.push('\n');
            }
        }
    }
    if let Some(g) = group {
        out.push_str(&g.render(opts));
    }
    out
}

/// Output is enumerated: an array written as one object prints as its items.
fn flatten(value: &Value) -> Vec<&Value> {
    match value {
        Value::Array(items) => items.iter().flat_map(flatten).collect(),
        v => vec![v],
    }
}

/// The view the first object of a type chose for all objects of that type.
#[derive(Clone, Debug)]
enum Shape {
    /// Dates print as their long form, in a block of their own (`Get-Date`).
    Dates,
    View(&'static View),
    Table(Vec<Column>),
    List,
    NameValue,
}

impl Shape {
    fn of(value: &Value) -> Shape {
        match value {
            Value::Hashtable(_) => return Shape::NameValue,
            Value::DateTime(_) => return Shape::Dates,
            _ => {}
        }
        if let Some(view) = view_for(value) {
            return Shape::View(view);
        }
        let record = view_properties(value);
        let type_name = value.type_name();
        let listed = LIST_VIEW_TYPE_PREFIXES
            .iter()
            .any(|p| type_name.starts_with(p));
        if listed || record.len() >= LIST_VIEW_MIN_PROPERTIES {
            Shape::List
        } else {
            Shape::Table(columns_for(std::slice::from_ref(&record)))
        }
    }
}

/// Consecutive objects of one view (or all without one), printed as one table or list.
struct Group {
    type_name: String,
    shape: Shape,
    records: Vec<Record>,
}

impl Group {
    fn add(&mut self, value: &Value) {
        match (&self.shape, value) {
            (Shape::NameValue, Value::Hashtable(h)) => {
                let h = h.borrow();
                self.records.extend(h.iter().map(|(k, v)| {
                    vec![("Name".to_string(), k.clone()), ("Value".into(), v.clone())]
                }));
            }
            (Shape::Dates, date) => self.records.push(vec![("DateTime".into(), date.clone())]),
            _ => self.records.push(view_properties(value)),
        }
    }

    fn render(self, opts: &FormatOptions) -> String {
        match self.shape {
            Shape::Dates => {
                let mut out = String::from("\n");
                for r in &self.records {
                    if let Some((_, Value::DateTime(secs))) = r.first() {
                        out.push_str(&format_date(*secs, LONG_DATE));
                        out.push('\n');
                    }
                }
                out.push_str("\n\n");
                out
            }
            Shape::View(view) => render_view(view, &self.records, opts),
            Shape::List => render_list(&self.records, opts),
            Shape::Table(columns) => {
                render_table(&table_with_columns(columns, &self.records), opts, false)
            }
            Shape::NameValue => render_table(
                &table_with_columns(name_value_columns(), &self.records),
                opts,
                false,
            ),
        }
    }
}

/// The columns of PowerShell's hashtable view.
fn name_value_columns() -> Vec<Column> {
    vec![
        Column {
            label: "Name".into(),
            property: None,
            align: Align::Left,
            width: Some(HASHTABLE_NAME_WIDTH),
        },
        Column {
            label: "Value".into(),
            property: None,
            align: Align::Left,
            width: None,
        },
    ]
}

/// A view's table; with a group-by property, one table per run of equal values, each
/// under its header line.
fn render_view(view: &View, records: &[Record], opts: &FormatOptions) -> String {
    if let Some(line) = view.line {
        let mut out = String::from("\n");
        for r in records {
            out.push_str(&line(r));
            out.push('\n');
        }
        out.push_str("\n\n");
        return out;
    }
    let Some((property, header)) = view.group_by else {
        return render_table(
            &table_with_columns(view.table_columns(), records),
            opts,
            false,
        );
    };
    let mut out = String::new();
    let mut start = 0;
    while start < records.len() {
        let key = |r: &Record| {
            lookup(r, property)
                .map(Value::to_ps_string)
                .unwrap_or_default()
        };
        let value = key(&records[start]);
        let end = records[start..]
            .iter()
            .position(|r| key(r) != value)
            .map_or(records.len(), |n| start + n);
        out.push_str(&format!("\n\n{header}: {value}\n"));
        let table = table_with_columns(view.table_columns(), &records[start..end]);
        out.push_str(&render_table(&table, opts, false));
        start = end;
    }
    out
}

/// The properties an object shows when no property list is given: a PSObject's properties in
/// order, a hashtable's keys, nothing for a scalar.
pub fn view_properties(value: &Value) -> Record {
    match value {
        Value::Object(o) => o
            .borrow()
            .properties
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        Value::Hashtable(h) => h
            .borrow()
            .iter()
            .map(|(k, v)| (k.to_ps_string(), v.clone()))
            .collect(),
        _ => Vec::new(),
    }
}

fn is_numeric(value: &Value) -> bool {
    matches!(
        value,
        Value::Int(_) | Value::Double(_) | Value::NumberText(..)
    )
}

/// Columns named after the first record's properties; a column is right-aligned when the
/// first non-null value in it is a number.
pub fn columns_for(records: &[Record]) -> Vec<Column> {
    let Some(first) = records.first() else {
        return Vec::new();
    };
    first
        .iter()
        .map(|(name, _)| {
            let numeric = records
                .iter()
                .filter_map(|r| lookup(r, name))
                .find(|v| !v.is_null())
                .is_some_and(is_numeric);
            Column {
                label: name.clone(),
                property: None,
                align: if numeric { Align::Right } else { Align::Left },
                width: None,
            }
        })
        .collect()
}

fn lookup<'a>(record: &'a Record, name: &str) -> Option<&'a Value> {
    record
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

/// Format-Table without -Property: the first object's built-in view, the Name/Value
/// columns for hashtables, or else the first object's properties.
pub fn default_table(values: &[Value]) -> TableView {
    let Some(first) = values.first() else {
        return TableView::default();
    };
    let mut group = Group {
        type_name: String::new(),
        shape: Shape::of(first),
        records: Vec::new(),
    };
    for v in values {
        group.add(v);
    }
    let columns = match group.shape {
        Shape::View(view) if !view.columns.is_empty() => view.table_columns(),
        Shape::NameValue => name_value_columns(),
        Shape::Dates | Shape::View(_) | Shape::List | Shape::Table(_) => {
            columns_for(&group.records)
        }
    };
    table_with_columns(columns, &group.records)
}

/// Builds a table from records, with columns taken from the first record.
pub fn table_from_records(records: &[Record]) -> TableView {
    table_with_columns(columns_for(records), records)
}

/// Fills fixed columns from records; a record lacking a column shows an empty cell.
fn table_with_columns(columns: Vec<Column>, records: &[Record]) -> TableView {
    let rows = records
        .iter()
        .map(|r| {
            columns
                .iter()
                .map(|c| {
                    let property = c.property.as_deref().unwrap_or(&c.label);
                    lookup(r, property)
                        .map(Value::to_display_string)
                        .unwrap_or_default()
                })
                .collect()
        })
        .collect();
    TableView {
        columns,
        rows,
        hide_headers: false,
    }
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// Cuts text to `width` characters the way 5.1 does: the last three become `...`.
fn truncate(text: &str, width: usize) -> String {
    if char_len(text) <= width {
        return text.to_string();
    }
    if width <= 3 {
        return text.chars().take(width).collect();
    }
    let mut s: String = text.chars().take(width - 3).collect();
    s.push_str("...");
    s
}

/// Breaks text into lines of at most `width` characters, at spaces where possible.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for source_line in text.split('\n') {
        let mut rest: Vec<char> = source_line.trim_end_matches('\r').chars().collect();
        if rest.is_empty() {
            lines.push(String::new());
        }
        while !rest.is_empty() {
            if rest.len() <= width {
                lines.push(rest.iter().collect());
                break;
            }
            let cut = rest[..=width]
                .iter()
                .rposition(|c| *c == ' ')
                .filter(|&i| i > 0)
                .unwrap_or(width);
            lines.push(
                rest[..cut]
                    .iter()
                    .collect::<String>()
                    .trim_end()
                    .to_string(),
            );
            rest = rest[cut..].to_vec();
            while rest.first() == Some(&' ') {
                rest.remove(0);
            }
        }
    }
    lines
}

/// Column widths: each column as wide as its header and widest cell (or its fixed width);
/// when that exceeds the line width the widest columns give way first, down to 3 characters,
/// and columns that still do not fit are dropped from the right.
fn column_widths(view: &TableView, width: usize) -> Vec<usize> {
    let mut widths: Vec<usize> = view
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            c.width.unwrap_or_else(|| {
                view.rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .map(|cell| cell.lines().map(char_len).max().unwrap_or(0))
                    .chain([char_len(&c.label)])
                    .max()
                    .unwrap_or(0)
            })
        })
        .collect();
    let total = |w: &[usize]| w.iter().sum::<usize>() + w.len().saturating_sub(1);
    while total(&widths) > width {
        let (i, &widest) = widths
            .iter()
            .enumerate()
            .max_by_key(|(i, w)| (**w, usize::MAX - i))
            .expect("at least one column");
        if widest <= 3 {
            if widths.len() == 1 {
                break;
            }
            widths.pop();
            continue;
        }
        widths[i] -= 1;
    }
    widths
}

fn paint_header(text: &str, opts: &FormatOptions) -> String {
    if opts.color {
        AnsiStyle::new()
            .bold()
            .fg(Color::Green)
            .paint(text)
            .to_string()
    } else {
        text.to_string()
    }
}

/// Renders a table as 5.1 does: blank line, header, a dash underline as long as each header
/// label, one line per row (cells truncated with `...`, or wrapped onto more lines when
/// `wrap_cells`), numbers right-aligned, one space between columns, two blank lines after.
pub fn render_table(view: &TableView, opts: &FormatOptions, wrap_cells: bool) -> String {
    if view.rows.is_empty() || view.columns.is_empty() {
        return String::new();
    }
    let widths = column_widths(view, opts.width);
    let fit = |text: &str, w: usize| -> String {
        if wrap_cells {
            wrap(text, w).join("\n")
        } else {
            let first = text.lines().next().unwrap_or("");
            if first.len() < text.trim_end().len() {
                truncate(&format!("{first}..."), w)
            } else {
                truncate(first, w)
            }
        }
    };
    let mut builder = Builder::default();
    // Fixed-width columns are kept as wide as their view says by padding one cell: the
    // header, or the first row when headers are hidden. `visible` excludes colour codes.
    let pad = |s: String, w: usize, visible: usize| {
        format!("{s}{}", " ".repeat(w.saturating_sub(visible)))
    };
    if !view.hide_headers {
        builder.push_record(view.columns.iter().zip(&widths).map(|(c, &w)| {
            let label = truncate(&c.label, w);
            match c.align {
                Align::Left => pad(paint_header(&label, opts), w, char_len(&label)),
                Align::Right => format!(
                    "{}{}",
                    " ".repeat(w.saturating_sub(char_len(&label))),
                    paint_header(&label, opts)
                ),
            }
        }));
        builder.push_record(
            view.columns
                .iter()
                .zip(&widths)
                .map(|(c, &w)| paint_header(&"-".repeat(char_len(&truncate(&c.label, w))), opts)),
        );
    }
    for (n, row) in view.rows.iter().enumerate() {
        builder.push_record(widths.iter().enumerate().map(|(i, &w)| {
            let cell = fit(row.get(i).map(String::as_str).unwrap_or(""), w);
            if n == 0 && view.hide_headers && view.columns[i].align == Align::Left {
                let visible = cell.lines().map(char_len).max().unwrap_or(0);
                pad(cell, w, visible)
            } else {
                cell
            }
        }));
    }
    let mut table = builder.build();
    table.with(Style::blank()).with(Padding::zero());
    for (i, c) in view.columns.iter().enumerate().take(widths.len()) {
        if c.align == Align::Right {
            table.modify(Columns::one(i), Alignment::right());
        }
    }
    let mut out = String::from("\n");
    for line in table.to_string().lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out.push_str("\n\n");
    out
}

/// Renders objects in list view: two blank lines, then per object `Name : value` lines with
/// names padded to the object's longest name and long values wrapped under the value column,
/// a blank line between objects, two blank lines after.
pub fn render_list(records: &[Record], opts: &FormatOptions) -> String {
    let printable: Vec<&Record> = records.iter().filter(|r| !r.is_empty()).collect();
    if printable.is_empty() {
        return String::new();
    }
    let mut out = String::from("\n");
    for record in printable {
        out.push('\n');
        let name_width = record.iter().map(|(k, _)| char_len(k)).max().unwrap_or(0);
        let indent = name_width + 3;
        let value_width = opts.width.saturating_sub(indent).max(10);
        for (name, value) in record {
            let label = format!("{name}{}", " ".repeat(name_width - char_len(name)));
            let label = paint_header(&label, opts);
            let text = value.to_display_string();
            let mut lines = wrap(&text, value_width).into_iter();
            let first = lines.next().unwrap_or_default();
            out.push_str(format!("{label} : {first}").trim_end());
            out.push('\n');
            for more in lines {
                out.push_str(format!("{}{more}", " ".repeat(indent)).trim_end());
                out.push('\n');
            }
        }
    }
    out.push_str("\n\n");
    out
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];

/// Expands a .NET standard format letter into its en-US custom pattern.
fn standard_pattern(format: &str) -> Option<&'static str> {
    Some(match format {
        "d" => "M/d/yyyy",
        "D" => "dddd, MMMM d, yyyy",
        "t" => "h:mm tt",
        "T" => "h:mm:ss tt",
        "f" => "dddd, MMMM d, yyyy h:mm tt",
        "F" => "dddd, MMMM d, yyyy h:mm:ss tt",
        "g" => "M/d/yyyy h:mm tt",
        "G" => "M/d/yyyy h:mm:ss tt",
        "s" => "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
        "u" => "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
        "o" | "O" => "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.0000000Z'",
        "M" | "m" => "MMMM d",
        "Y" | "y" => "MMMM yyyy",
        _ => return None,
    })
}

/// Formats Unix seconds with a .NET date format string (custom or standard), en-US, as
/// Get-Date -Format and the default display of dates do.
pub fn format_date(secs: i64, format: &str) -> String {
    let pattern = standard_pattern(format).unwrap_or(format);
    let (y, mo, d, h, mi, s) = civil_from_unix(secs);
    let weekday = (secs.div_euclid(86_400) + 4).rem_euclid(7) as usize;
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let run = chars[i..].iter().take_while(|&&x| x == c).count();
        let h12 = if h % 12 == 0 { 12 } else { h % 12 };
        let piece = match c {
            'y' => match run {
                1 => (y % 100).to_string(),
                2 => format!("{:02}", y % 100),
                n => format!("{y:0n$}"),
            },
            'M' => match run {
                1 => mo.to_string(),
                2 => format!("{mo:02}"),
                3 => MONTHS[mo as usize - 1][..3].to_string(),
                _ => MONTHS[mo as usize - 1].to_string(),
            },
            'd' => match run {
                1 => d.to_string(),
                2 => format!("{d:02}"),
                3 => DAYS[weekday][..3].to_string(),
                _ => DAYS[weekday].to_string(),
            },
            'H' => pad(h, run),
            'h' => pad(h12, run),
            'm' => pad(mi, run),
            's' => pad(s, run),
            'f' | 'F' => "0".repeat(run.min(7)),
            't' => {
                let ampm = if h < 12 { "AM" } else { "PM" };
                if run == 1 { &ampm[..1] } else { ampm }.to_string()
            }
            '\'' | '"' => {
                let close = chars[i + 1..].iter().position(|&x| x == c);
                let end = close.map_or(chars.len(), |p| i + 1 + p);
                out.extend(&chars[i + 1..end]);
                i = end + 1;
                continue;
            }
            '\\' => {
                if let Some(next) = chars.get(i + 1) {
                    out.push(*next);
                }
                i += 2;
                continue;
            }
            other => other.to_string().repeat(run),
        };
        out.push_str(&piece);
        i += run;
    }
    out
}

fn pad(n: u32, run: usize) -> String {
    if run >= 2 {
        format!("{n:02}")
    } else {
        n.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::value::{Hashtable, PsObject};
    use std::cell::RefCell;
    use std::rc::Rc;

    fn plain() -> FormatOptions {
        FormatOptions {
            color: false,
            width: 120,
        }
    }

    fn obj(props: &[(&str, Value)]) -> Value {
        let mut o = PsObject::new("System.Management.Automation.PSCustomObject");
        for (k, v) in props {
            o.set(k, v.clone());
        }
        o.into_value()
    }

    #[test]
    fn scalars_print_one_per_line_and_null_prints_nothing() {
        let values = [
            Value::str("abc"),
            Value::Null,
            Value::Int(5),
            Value::Bool(true),
            Value::Array(vec![Value::Double(1.5), Value::str("x")]),
        ];
        assert_eq!(out_default(&values, &plain()), "abc\n5\nTrue\n1.5\nx\n");
        assert_eq!(out_default(&[Value::Null], &plain()), "");
    }

    #[test]
    fn few_properties_print_as_a_table_with_numbers_right_aligned() {
        let a = obj(&[("Name", "alpha".into()), ("Port", Value::Int(5086))]);
        let b = obj(&[("Name", "b".into()), ("Port", Value::Int(80))]);
        let text = out_default(&[a, b], &plain());
        assert_eq!(
            text,
            "\nName  Port\n----  ----\nalpha 5086\nb       80\n\n\n"
        );
    }

    #[test]
    fn five_properties_print_as_a_list() {
        let o = obj(&[
            ("Identity", "Global".into()),
            ("Enabled", Value::Bool(true)),
            ("Port", Value::Int(1)),
            ("Names", Value::from(vec!["a", "b"])),
            ("X", Value::Null),
        ]);
        let text = out_default(&[o.clone(), o], &plain());
        let one =
            "Identity : Global\nEnabled  : True\nPort     : 1\nNames    : {a, b}\nX        :\n";
        assert_eq!(text, format!("\n\n{one}\n{one}\n\n"));
    }

    #[test]
    fn the_first_object_fixes_the_columns() {
        let a = obj(&[("A", Value::Int(1))]);
        let b = obj(&[("B", Value::Int(2)), ("A", Value::Int(3))]);
        let c = obj(&[("B", Value::Int(4))]);
        assert_eq!(out_default(&[a, b, c], &plain()), "\nA\n-\n1\n3\n\n\n\n");
    }

    #[test]
    fn objects_of_other_types_continue_the_table() {
        let a = obj(&[("A", Value::Int(1))]);
        let mut b = PsObject::new("Selected.Other");
        b.set("A", Value::Int(2));
        assert_eq!(
            out_default(&[a, b.into_value()], &plain()),
            "\nA\n-\n1\n2\n\n\n"
        );
    }

    #[test]
    fn a_scalar_between_objects_ends_the_table() {
        let a = obj(&[("A", Value::Int(1))]);
        let text = out_default(&[a.clone(), Value::str("x"), a], &plain());
        assert_eq!(text, "\nA\n-\n1\n\n\nx\n\nA\n-\n1\n\n\n");
    }

    #[test]
    fn hashtables_print_as_name_value_with_a_30_wide_name_column() {
        let mut h = Hashtable::default();
        h.insert(Value::str("Add"), Value::str("x"));
        h.insert(Value::str("Count"), Value::Int(2));
        let v = Value::Hashtable(Rc::new(RefCell::new(h)));
        let text = out_default(&[v], &plain());
        let expected = format!(
            "\nName{}Value\n----{}-----\nAdd{}x\nCount{}2\n\n\n",
            " ".repeat(27),
            " ".repeat(27),
            " ".repeat(28),
            " ".repeat(26)
        );
        assert_eq!(text, expected);
    }

    #[test]
    fn long_cells_are_truncated_with_three_dots() {
        let a = obj(&[("Name", "x".repeat(30).into()), ("Id", "short".into())]);
        let text = out_default(
            &[a],
            &FormatOptions {
                color: false,
                width: 20,
            },
        );
        assert_eq!(
            text,
            "\nName           Id\n----           --\nxxxxxxxxxxx... short\n\n\n"
        );
    }

    #[test]
    fn wrapped_tables_keep_every_character() {
        let view = TableView {
            columns: vec![Column {
                label: "Text".into(),
                property: None,
                align: Align::Left,
                width: None,
            }],
            rows: vec![vec!["one two three".into()]],
            hide_headers: false,
        };
        let opts = FormatOptions {
            color: false,
            width: 8,
        };
        assert_eq!(
            render_table(&view, &opts, true),
            "\nText\n----\none two\nthree\n\n\n"
        );
    }

    #[test]
    fn long_list_values_wrap_under_the_value_column() {
        let o = obj(&[
            ("A", "one two three four".into()),
            ("B", Value::Int(1)),
            ("C", Value::Int(1)),
            ("D", Value::Int(1)),
            ("E", Value::Int(1)),
        ]);
        let opts = FormatOptions {
            color: false,
            width: 14,
        };
        assert_eq!(
            out_default(&[o], &opts),
            "\n\nA : one two\n    three four\nB : 1\nC : 1\nD : 1\nE : 1\n\n\n"
        );
    }

    #[test]
    fn colour_paints_headers_and_list_names_bold_green() {
        let opts = FormatOptions {
            color: true,
            width: 80,
        };
        let a = obj(&[("A", Value::Int(1))]);
        let text = out_default(&[a], &opts);
        assert_eq!(
            text,
            "\n\u{1b}[1;32mA\u{1b}[0m\n\u{1b}[1;32m-\u{1b}[0m\n1\n\n\n"
        );
    }

    #[test]
    fn empty_hashtables_and_objects_print_nothing() {
        let h = Value::Hashtable(Rc::new(RefCell::new(Hashtable::default())));
        assert_eq!(out_default(&[h], &plain()), "");
        assert_eq!(out_default(&[obj(&[])], &plain()), "");
    }
    #[test]
    fn custom_and_standard_formats() {
        let t = crate::engine::value::unix_from_civil(2012, 1, 12, 15, 4, 5);
        assert_eq!(format_date(t, "yyyyMMdd-HHmm"), "20120112-1504");
        assert_eq!(format_date(t, "s"), "2012-01-12T15:04:05");
        assert_eq!(format_date(t, "d"), "1/12/2012");
        assert_eq!(format_date(t, "dddd, MMMM d"), "Thursday, January 12");
        assert_eq!(format_date(t, "hh:mm tt"), "03:04 PM");
        assert_eq!(format_date(t, "'at' HH\\h"), "at 15h");
    }

    #[test]
    fn dates_print_in_their_long_form_in_a_block() {
        let t = Value::DateTime(crate::engine::value::unix_from_civil(2012, 1, 12, 15, 4, 5));
        assert_eq!(
            out_default(&[t], &plain()),
            "\nThursday, January 12, 2012 3:04:05 PM\n\n\n"
        );
    }

    #[test]
    fn any_width_and_content_renders_without_panicking() {
        let odd = obj(&[
            ("", Value::str("")),
            ("Ünïcödé 名前", Value::str("línea1\nlínea2\r\n\tend")),
            ("N", Value::Double(f64::NAN)),
            ("Deep", Value::Array(vec![Value::Array(vec![Value::Null])])),
        ]);
        let wide = obj(&[
            ("A", Value::str("x".repeat(500))),
            ("B", Value::str("y ".repeat(200))),
            ("C", Value::Int(i64::MIN)),
            ("D", Value::Null),
            ("E", Value::Bool(false)),
        ]);
        for width in [0, 1, 2, 3, 4, 7, 40, 500] {
            for color in [false, true] {
                let opts = FormatOptions { color, width };
                out_default(
                    &[odd.clone(), wide.clone(), Value::Int(1), odd.clone()],
                    &opts,
                );
                let table = default_table(&[wide.clone(), odd.clone()]);
                render_table(&table, &opts, true);
                render_table(&table, &opts, false);
            }
        }
    }
}
