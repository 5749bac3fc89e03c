//! A published table formatted for people (`TableView`), shared by every
//! section of the report.

use serde::Serialize;

use crate::output::table::Table;

/// A table formatted for people.
#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    pub id: String,
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<CellView>>,
    pub csv: String,
}

/// One formatted cell.
#[derive(Debug, Clone, Serialize)]
pub struct CellView {
    pub text: String,
    pub numeric: bool,
}

impl TableView {
    /// Formats a published table.
    pub fn from_table(table: &Table) -> TableView {
        TableView {
            id: table.name.to_string(),
            caption: table.caption.clone(),
            headers: table.labels.iter().map(|l| l.to_string()).collect(),
            rows: table
                .rows
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|v| CellView {
                            text: v.display(),
                            numeric: v.is_numeric(),
                        })
                        .collect()
                })
                .collect(),
            csv: format!("tables/{}.csv", table.name),
        }
    }
}

/// The view of the table named `name`, when it was built.
pub fn table_view(tables: &[Table], name: &str) -> Option<TableView> {
    tables.iter().find(|t| t.name == name).map(TableView::from_table)
}
