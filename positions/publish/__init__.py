"""Publishing the site's views elsewhere: credit lines, framable embeds and PNG pictures of its SVGs."""
