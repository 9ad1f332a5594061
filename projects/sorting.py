"""Sort links in a table's column headers, shared by the lists that sort by column."""


def sort_links(params, current: str, columns: dict[str, tuple[str, str]]) -> dict:
    """Per sortable column (``columns``: column → its first and second sort, the first click
    gives the first) the link that sorts by it, with the other query parameters kept (the
    filters) and back to page one, and its ``aria-sort`` when the list is sorted by it. A sort's
    name ends in ``_asc`` when it is ascending. ``params``: the request's GET."""
    params = params.copy()
    params.pop("page", None)
    links = {}
    for column, (first, second) in columns.items():
        active = current in (first, second)
        params["sort"] = second if current == first else first
        links[column] = {
            "url": "?" + params.urlencode(),
            "aria_sort": ("ascending" if current.endswith("_asc") else "descending") if active else "",
        }
    return links
