//! Column–value lists for an INSERT or UPDATE, each value bound as the next numbered
//! parameter, so a column is written beside its value instead of matched to it by position.
//! sqlx's own `QueryBuilder` writes `?` placeholders for `Any`, which PostgreSQL does not
//! read; `$1, $2, …` both engines do.

use sqlx::any::AnyArguments;
use sqlx::error::BoxDynError;
use sqlx::{Any, Arguments, Encode, Type};

#[derive(Default)]
pub(super) struct Columns<'q> {
    names: Vec<&'static str>,
    values: Vec<String>,
    args: AnyArguments<'q>,
    error: Option<BoxDynError>,
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
        if let Err(e) = self.args.add(value) {
            self.error.get_or_insert(e);
        }
        format!("${}", self.args.len())
    }

    /// `INSERT INTO table (columns) VALUES (values) tail` and its arguments.
    pub fn insert(self, table: &str, tail: &str) -> Result<(String, AnyArguments<'q>), sqlx::Error> {
        let sql = format!("INSERT INTO {table} ({}) VALUES ({}) {tail}", self.names.join(", "), self.values.join(", "));
        self.finish(sql)
    }

    /// `UPDATE table SET column = value, … WHERE filter` and its arguments.
    pub fn update(self, table: &str, filter: &str) -> Result<(String, AnyArguments<'q>), sqlx::Error> {
        let set: Vec<String> = self.names.iter().zip(&self.values).map(|(n, v)| format!("{n} = {v}")).collect();
        let sql = format!("UPDATE {table} SET {} WHERE {filter}", set.join(", "));
        self.finish(sql)
    }

    fn finish(self, sql: String) -> Result<(String, AnyArguments<'q>), sqlx::Error> {
        match self.error {
            Some(e) => Err(sqlx::Error::Encode(e)),
            None => Ok((sql, self.args)),
        }
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
}
