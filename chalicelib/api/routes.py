"""Routes served without importing them: the app registers every route from the route table at cold start and
imports a route module (its use cases, answers, ports) on the first request for one of its routes.

Why: a Lambda container serves whatever request woke it. Importing all route modules at cold start made `import
app` cost 1.4-1.7 times its dependencies (158 modules of our own, 1-8 ms each), paid before the first answer of
every container; now each first request pays for its own module only (docs/bench.md, "Cold import").

- A route module declares its routes on `Routes` exactly as on a Chalice blueprint (`operation =
  operations(routes)`); `Routes` keeps the views instead of registering them.
- `chalicelib/api/route_table.py` lists every route's module, method, path and operationId. It is generated from
  the modules' `@operation`s (`make routes`, scripts/route_table.py) and a test fails when it is not current, so
  the decorator stays the one declaration of a route.
- `serve(app)` registers one `LazyView` per route. To Chalice (its local server, its test client, its packager)
  that is an ordinary view; the OpenAPI document and the route-shape test see the `@operation` through it.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

from chalicelib.api.contract import OPERATION_ATTRIBUTE

if TYPE_CHECKING:
    from chalice.app import Chalice, Request

PREFIX: Final = "/v1"
PACKAGE: Final = "chalicelib.api"

# The route modules, in the order their routes are registered (the document's order of operations follows it).
MODULES: Final = (
    "public",
    "positions",
    "attachments",
    "applications",
    "review",
    "favourites",
    "verify",
    "messages",
    "local",
    "saved_searches",
    "attendance",  # issue 21: 考勤, 补贴申领, 公示 and objections, 拨付, exports
    "subsidy_claims",
    "subsidy_review",
    "notices",
    "exports",
    "ratings",  # issue 23
    "statistics",  # issue 23
    "units",  # issue 19: 见习单位
    "unit_review",  # issue 19: 单位审核, 岗位审核
    "placements",  # issue 20
    "placement_agency",
    "placement_units",
)

View = Callable[..., Any]


class Routes:
    """A route module's routes: what a Chalice blueprint would register, kept until the app serves them."""

    def __init__(self, name: str, prefix: str = PREFIX) -> None:
        self.name, self.prefix = name, prefix
        self.views: dict[tuple[str, str], View] = {}
        self._app: Chalice | None = None

    def route(self, path: str, **kwargs: Any) -> Callable[[View], View]:
        (method,) = kwargs["methods"]

        def keep(view: View) -> View:
            self.views[(method, self.prefix + path)] = view
            return view

        return keep

    def serve(self, app: Chalice) -> None:
        self._app = app

    @property
    def current_app(self) -> Chalice:
        assert self._app is not None, "a route module's view runs only once the app serves it"
        return self._app

    @property
    def current_request(self) -> Request | None:
        return self.current_app.current_request


class LazyView:
    """One route's view, made by `load` on the first call: then it is the made view that answers.

    Chalice calls it with the path's parameters, reads its docstring for the packaged API description, and the
    document (chalicelib/openapi.py) reads the `@operation` it carries: each of those makes the view."""

    def __init__(self, name: str, load: Callable[[], View]) -> None:
        self.__name__ = name  # Chalice names a handler after its function
        self._load = load
        self._view: View | None = None

    @property
    def target(self) -> View:
        if self._view is None:
            self._view = self._load()
        return self._view

    def __call__(self, **path: str) -> Any:
        return self.target(**path)

    def __getattr__(self, name: str) -> Any:
        # `openapi_operation` (the Op), `__wrapped__` (the handler, for inspect.unwrap): the made view has them.
        if name in (OPERATION_ATTRIBUTE, "__wrapped__"):
            return getattr(self.target, name)
        raise AttributeError(name)

    # Chalice's packager reads the view's docstring as the method's description.
    @property
    def __doc__(self) -> str | None:  # type: ignore[override]
        return self.target.__doc__


def module_view(app: Chalice, module: str, method: str, path: str) -> View:
    """Import a route module and hand back its view of one route, the module now served by `app`."""
    routes: Routes = importlib.import_module(f"{PACKAGE}.{module}").routes
    routes.serve(app)
    return routes.views[(method, path)]


def serve(app: Chalice, table: tuple[tuple[str, str, str, str], ...]) -> None:
    """Register every route of the table (module, method, path, operationId) on the app, none of them imported."""
    for module, method, path, operation_id in table:
        view = LazyView(operation_id, functools.partial(module_view, app, module, method, path))
        app.route(path, methods=[method], name=operation_id)(view)


def declared() -> list[tuple[str, str, str, str]]:
    """The route table as the modules declare it (imports every route module): what route_table.py must say."""
    rows = []
    for module in MODULES:
        routes: Routes = importlib.import_module(f"{PACKAGE}.{module}").routes
        for (method, path), view in routes.views.items():
            rows.append((module, method, path, getattr(view, OPERATION_ATTRIBUTE).operation_id))
    return rows
