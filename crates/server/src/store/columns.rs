//! Column–value lists for an INSERT or UPDATE, each value bound as the next numbered
//! parameter, so a column is written beside its value instead of matched to it by position;
//! [`Rows`] for many rows in one statement.
//! sqlx's own `QueryBuilder` writes `?` placeholders for `Any`, which PostgreSQL does not
//! read; `$1, $2, …` both engines do.

use sqlx::any::AnyArguments;
use sqlx::error::BoxDynError;
use sqlx::{Any, Arguments, Encode, Type};

#[derive(Default)]
pub(super) struct Columns<'q> {
    names: Vec<&'static str>,
    values: Vec<String>,
    params: Params<'q>,
}

/// Arguments numbered as they are bound; an encoding error is kept for the end, so a
/// builder's calls chain.
#[derive(Default)]
struct Params<'q> {
    args: AnyArguments<'q>,
    error: Option<BoxDynError>,
}

impl<'q> Params<'q> {
    fn bind<T: 'q + Encode<'q, Any> + Type<Any>>(&mut self, value: T) -> String {
        if let Err(e) = self.args.add(value) {
            self.error.get_or_insert(e);
        }
        format!("${}", self.args.len())
    }

    fn finish(self, sql: String) -> Result<(String, AnyArguments<'q>), sqlx::Error> {
        match self.error {
            Some(e) => Err(sqlx::Error::Encode(e)),
            None => Ok((sql, self.args)),
        }
    }
}

impl<'q> Columns<'q> {
    pub fn new() -> Self {
        Self::default()
    }

    /// `column` takes `value`.
    pub fn value<T: 'q + Encode<'q, Any> + Type<Any>>(self, column: &'static str, value: T) -> Self {
        self.expr(column, "{}", value)
    }

    /// `column` takes `template` with its `{}` standing for `value`
    /// (`"COALESCE({}, archived)"`).
    pub fn expr<T: 'q + Encode<'q, Any> + Type<Any>>(mut self, column: &'static str, template: &str, value: T) -> Self {
        let param = self.bind(value);
        self.names.push(column);
        self.values.push(template.replace("{}", &param));
        self
    }

    /// `column` takes `sql`, which binds nothing (`"version + 1"`).
    pub fn sql(mut self, column: &'static str, sql: &str) -> Self {
        self.names.push(column);
        self.values.push(sql.to_owned());
        self
    }

    /// Binds `value` as the next parameter, for a `WHERE` clause, and names it (`$n`).
    pub fn bind<T: 'q + Encode<'q, Any> + Type<Any>>(&mut self, value: T) -> String {
        self.params.bind(value)
    }

    /// `INSERT INTO table (columns) VALUES (values) tail` and its arguments.
    pub fn insert(self, table: &str, tail: &str) -> Result<(String, AnyArguments<'q>), sqlx::Error> {
        let sql = format!("INSERT INTO {table} ({}) VALUES ({}) {tail}", self.names.join(", "), self.values.join(", "));
        self.params.finish(sql)
    }

    /// `UPDATE table SET column = value, … WHERE filter` and its arguments.
    pub fn update(self, table: &str, filter: &str) -> Result<(String, AnyArguments<'q>), sqlx::Error> {
        let set: Vec<String> = self.names.iter().zip(&self.values).map(|(n, v)| format!("{n} = {v}")).collect();
        let sql = format!("UPDATE {table} SET {} WHERE {filter}", set.join(", "));
        self.params.finish(sql)
    }
}

/// Many rows of the same columns in one statement: a multi-row `INSERT`, or a `VALUES`
/// list a `WITH name(columns) AS (…)` gives a query to join. Each row names its columns
/// as it gives them, in the order `new` named them (checked in debug builds).
pub(super) struct Rows<'q> {
    columns: &'static [&'static str],
    tuples: Vec<String>,
    row: Vec<String>,
    params: Params<'q>,
}

impl<'q> Rows<'q> {
    pub fn new(columns: &'static [&'static str]) -> Self {
        Rows { columns, tuples: Vec::new(), row: Vec::new(), params: Params::default() }
    }

    /// The current row's `column` takes `value`.
    pub fn value<T: 'q + Encode<'q, Any> + Type<Any>>(&mut self, column: &'static str, value: T) -> &mut Self {
        let param = self.bind(value);
        self.sql(column, &param)
    }

    /// The current row's `column` takes `sql` (`"'bot'"`, or a parameter from [`Rows::bind`]
    /// that every row shares). The row ends with the last column.
    pub fn sql(&mut self, column: &'static str, sql: &str) -> &mut Self {
        debug_assert_eq!(Some(&column), self.columns.get(self.row.len()), "columns in the order `new` named them");
        self.row.push(sql.to_owned());
        if self.row.len() == self.columns.len() {
            self.tuples.push(format!("({})", self.row.join(", ")));
            self.row.clear();
        }
        self
    }

    /// Binds `value` as the next parameter and names it (`$n`): one value many rows share,
    /// or one a clause around the rows reads.
    pub fn bind<T: 'q + Encode<'q, Any> + Type<Any>>(&mut self, value: T) -> String {
        self.params.bind(value)
    }

    /// `INSERT INTO table (columns) VALUES (row), (row), … tail` and its arguments.
    pub fn insert(self, table: &str, tail: &str) -> Result<(String, AnyArguments<'q>), sqlx::Error> {
        let columns = self.columns.join(", ");
        self.finish(|values| format!("INSERT INTO {table} ({columns}) VALUES {values} {tail}"))
    }

    /// `WITH name(columns) AS (VALUES (row), …) query` and its arguments: the rows as a
    /// table `query` reads by `name`.
    pub fn with(self, name: &str, query: &str) -> Result<(String, AnyArguments<'q>), sqlx::Error> {
        let columns = self.columns.join(", ");
        self.finish(|values| format!("WITH {name}({columns}) AS (VALUES {values}) {query}"))
    }

    fn finish(self, sql: impl FnOnce(&str) -> String) -> Result<(String, AnyArguments<'q>), sqlx::Error> {
        debug_assert!(self.row.is_empty(), "a row without all its columns");
        debug_assert!(!self.tuples.is_empty(), "no rows");
        let sql = sql(&self.tuples.join(", "));
        self.params.finish(sql)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_value_takes_the_next_parameter_beside_its_column() {
        let mut set = Columns::new().value("name", "Acme").expr("archived", "COALESCE({}, archived)", Some(true));
        let set_version = set.bind(3_i64);
        let (sql, args) =
            set.sql("version", "version + 1").update("orgs", &format!("version = {set_version}")).unwrap();
        assert_eq!(
            sql,
            "UPDATE orgs SET name = $1, archived = COALESCE($2, archived), version = version + 1 WHERE version = $3"
        );
        assert_eq!(args.len(), 3);
        let (sql, _) = Columns::new().value("a", 1_i64).value("b", 2_i64).insert("t", "RETURNING id").unwrap();
        assert_eq!(sql, "INSERT INTO t (a, b) VALUES ($1, $2) RETURNING id");
    }

    #[test]
    fn rows_number_their_values_in_order_and_share_a_bound_one() {
        let mut rows = Rows::new(&["conversation_id", "text", "created_at"]);
        let at = rows.bind("2026-12-01");
        rows.value("conversation_id", 7_i64).value("text", "hi").sql("created_at", &at);
        rows.value("conversation_id", 8_i64).value("text", "yo").sql("created_at", &at);
        let (sql, args) = rows.insert("messages", "").unwrap();
        assert_eq!(
            sql.trim_end(),
            "INSERT INTO messages (conversation_id, text, created_at) VALUES ($2, $3, $1), ($4, $5, $1)"
        );
        assert_eq!(args.len(), 5);
        let mut rows = Rows::new(&["id", "name"]);
        rows.value("id", 1_i64).sql("name", "'a'");
        let (sql, _) = rows.with("v", "SELECT * FROM v").unwrap();
        assert_eq!(sql, "WITH v(id, name) AS (VALUES ($1, 'a')) SELECT * FROM v");
    }

    #[test]
    #[should_panic(expected = "columns in the order")]
    fn a_row_names_its_columns_in_order() {
        Rows::new(&["a", "b"]).value("b", 1_i64);
    }
}
