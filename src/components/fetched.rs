//! A page's data as it arrives: the skeleton while it loads (the previous content stays on
//! screen while it reloads), `children(data)` once it is here, and the error with a Retry
//! when it fails. Every page that loads a resource shows it through this.

use crate::api::ApiError;
use crate::components::error_notice::ErrorNotice;
use crate::components::loading::Loading;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn Fetched<T, F, V>(
    resource: LocalResource<Result<T, ApiError>>,
    children: F,
    /// Shown instead of the error when the API says the thing does not exist (or is not
    /// this user's to see): a page of its own, not a failure to retry.
    #[prop(optional, into)]
    not_found: Option<ViewFn>,
) -> impl IntoView
where
    T: Clone + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let children = Arc::new(children);
    let retry = Callback::new(move |_| resource.refetch());
    view! {
        <Transition fallback=Loading>
            {move || {
                let children = children.clone();
                let not_found = not_found.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(data) => children(data).into_any(),
                        Err(e) => failure(e, not_found, retry),
                    }
                })
            }}
        </Transition>
    }
}

/// Outside the generic component, so that every page shares one copy.
fn failure(error: ApiError, not_found: Option<ViewFn>, retry: Callback<()>) -> AnyView {
    match (error, not_found) {
        (ApiError::NotFound, Some(not_found)) => not_found.run(),
        (error, _) => view! { <ErrorNotice error=error retry=retry/> }.into_any(),
    }
}
