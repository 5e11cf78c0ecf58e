"""Files the app reads at run time: icons, the style sheet, sample data."""
