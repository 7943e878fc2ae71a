//! A value derived from the project and kept until the project changes
//! ([`ViewCtx::revision`](crate::app::views::ViewCtx::revision)): what the
//! dictionary and scheme views would otherwise derive again every frame.

use std::ops::Deref;

/// A value derived from the project at one revision and derived again only
/// at another; `T::default()` until it is first derived.
#[derive(Default)]
pub(in crate::app::views) struct PerRevision<T> {
    /// The revision `value` was derived at.
    revision: Option<u64>,
    value: T,
}

impl<T> PerRevision<T> {
    /// The value for project `revision`: the kept one when it was derived at
    /// that revision, else the one `derive` gives, kept from now on.
    pub(in crate::app::views) fn update(
        &mut self,
        revision: u64,
        derive: impl FnOnce() -> T,
    ) -> &T {
        if self.revision != Some(revision) {
            self.value = derive();
            self.revision = Some(revision);
        }
        &self.value
    }
}

/// The value last derived.
impl<T> Deref for PerRevision<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_derived_once_per_revision() {
        let mut kept = PerRevision::<usize>::default();
        assert_eq!(*kept, 0);
        assert_eq!(*kept.update(1, || 10), 10);
        assert_eq!(*kept.update(1, || 20), 10, "derived already at revision 1");
        assert_eq!(*kept.update(2, || 20), 20);
        assert_eq!(*kept, 20);
    }
}
