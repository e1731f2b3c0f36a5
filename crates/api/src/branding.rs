//! An agency's brand, as the login page and the dashboards wear it.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Branding {
    pub agency_id: i64,
    pub display_name: String,
    /// `#rrggbb` or `#rgb`
    pub primary_color: String,
    pub logo_light_url: Option<String>,
    pub logo_dark_url: Option<String>,
    pub support_email: Option<String>,
    pub website_url: Option<String>,
    pub terms_url: Option<String>,
    pub privacy_url: Option<String>,
}
