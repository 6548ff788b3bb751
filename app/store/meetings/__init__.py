"""Community meetings and the issues residents raised: the repository and the list."""
