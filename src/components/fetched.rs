//! A page's data as it arrives: the skeleton while it loads (the previous content stays on
//! screen while it reloads), `children(data)` once it is here, and the error with a Retry
//! when it fails. Every page that loads a resource shows it through this.

use crate::api::ApiError;
use crate::components::error_notice::ErrorNotice;
use crate::components::loading::Loading;
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

type Shown = Pin<Box<dyn Future<Output = AnyView> + Send>>;

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
    let retry = Callback::new(move |_| resource.refetch());
    let children = Arc::new(children);
    // Only this future is generic; it is boxed, so that the suspense around it is one type
    // that every page shares instead of a copy of its own.
    let shown = Arc::new(move || -> Shown {
        let (children, not_found) = (children.clone(), not_found.clone());
        Box::pin(async move {
            match resource.await {
                Ok(data) => children(data).into_any(),
                Err(error) => failure(error, not_found, retry),
            }
        })
    });
    suspended(shown)
}

/// The suspense: the skeleton first, then the data; while the data reloads the page stays
/// as it was (a `Transition`) until the new data replaces it, so nothing on it is redrawn
/// twice and nothing typed into it is lost.
fn suspended(shown: Arc<dyn Fn() -> Shown + Send + Sync>) -> impl IntoView {
    view! { <Transition fallback=Loading>{move || Suspend::new(shown())}</Transition> }
}

/// Outside the generic component, so that every page shares one copy.
fn failure(error: ApiError, not_found: Option<ViewFn>, retry: Callback<()>) -> AnyView {
    match (error, not_found) {
        (ApiError::NotFound, Some(not_found)) => not_found.run(),
        (error, _) => view! { <ErrorNotice error=error retry=retry /> }.into_any(),
    }
}
